// A PNG of the map as it is on screen, with its title and attribution written in a corner.
// MapLibre's WebGL canvas keeps its pixels only until the frame is shown (no
// preserveDrawingBuffer: it would slow every frame), so the copy is taken inside a 'render'
// event, after asking for one more frame.
import type { Map as MapLibreMap } from 'maplibre-gl'

export function snapshot(map: MapLibreMap, caption: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      const source = map.getCanvas()
      const out = document.createElement('canvas')
      out.width = source.width
      out.height = source.height
      const ctx = out.getContext('2d')
      if (!ctx) return reject(new Error('no 2d canvas'))
      ctx.drawImage(source, 0, 0)
      const ratio = source.width / Math.max(1, source.clientWidth)
      const size = Math.round(13 * ratio)
      ctx.font = `${size}px system-ui, sans-serif`
      const width = ctx.measureText(caption).width
      const pad = Math.round(6 * ratio)
      ctx.fillStyle = 'rgba(255,255,255,0.85)'
      ctx.fillRect(
        out.width - width - 2 * pad,
        out.height - size - 2 * pad,
        width + 2 * pad,
        size + 2 * pad,
      )
      ctx.fillStyle = '#15262d'
      ctx.textBaseline = 'bottom'
      ctx.fillText(caption, out.width - width - pad, out.height - pad)
      out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png')
    })
    map.triggerRepaint()
  })
}

/** Offers a file to download. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file name from a title: "Via Nizza, ieri" → "via-nizza-ieri". */
export function fileName(title: string, ext: string): string {
  const base = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'mappa'}.${ext}`
}
