// Well-known text (OGC 06-103r4, §7) for imports: only `POINT (lon lat)` in EPSG:4326, with an
// optional `SRID=4326;` prefix (EWKT) and an ignored Z. Parsed strictly here rather than with a
// WKT library: the ones on npm (wkx, wellknown) accept trailing garbage such as
// "POINT (7.6 45.0) xyz", and a point needs nothing more than this.
const POINT =
  /^\s*(?:SRID=4326\s*;\s*)?POINT\s*(?:Z\s*)?\(\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s+([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?:\s+[-+]?\d+(?:\.\d+)?)?\s*\)\s*$/i

export type WktResult = { ok: true; coordinates: [number, number] } | { ok: false; reason: string }

export function parseWktPoint(text: string): WktResult {
  const m = POINT.exec(text)
  if (!m) {
    return /^\s*(?:SRID=\d+\s*;\s*)?POINT\b/i.test(text)
      ? { ok: false, reason: 'not a WKT point: use POINT (longitude latitude), EPSG:4326' }
      : { ok: false, reason: 'only WKT POINT geometries can be imported' }
  }
  return { ok: true, coordinates: [Number(m[1]), Number(m[2])] }
}
