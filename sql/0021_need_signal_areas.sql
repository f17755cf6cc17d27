-- The areas a need signal falls in, computed by the database whenever a field signal's point is
-- written, so no API path can store keys that disagree with the point. Each level is looked up
-- by point-in-polygon; where the sources' borders leave a sliver (zones, districts and the
-- municipality come from different surveys), the level falls back to the parent of the level
-- below. A point on a shared border goes to the area with the smallest id (deterministic).
-- Synthetic rows (origin = 'synthetic') are placed inside a known area by the generator
-- (api/synthetic/signals.ts), which writes their keys itself in one set-based statement: a
-- per-row lookup would triple the time to generate a million rows.
CREATE FUNCTION need_signal_areas() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.zone_id := (SELECT a.id FROM areas a
    WHERE a.kind = 'zone' AND ST_Intersects(a.geom, NEW.geom) ORDER BY a.id LIMIT 1);
  NEW.district_id := coalesce(
    (SELECT a.id FROM areas a
      WHERE a.kind = 'district' AND ST_Intersects(a.geom, NEW.geom) ORDER BY a.id LIMIT 1),
    (SELECT a.parent_id FROM areas a WHERE a.id = NEW.zone_id));
  NEW.municipality_id := coalesce(
    (SELECT a.id FROM areas a
      WHERE a.kind = 'municipality' AND ST_Intersects(a.geom, NEW.geom) ORDER BY a.id LIMIT 1),
    (SELECT a.parent_id FROM areas a WHERE a.id = NEW.district_id));
  RETURN NEW;
END
$$;

CREATE TRIGGER need_signals_areas
  BEFORE INSERT OR UPDATE OF geom ON need_signals
  FOR EACH ROW WHEN (NEW.origin = 'field') EXECUTE FUNCTION need_signal_areas();
