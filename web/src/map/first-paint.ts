// The map's first picture is the whole one. While the first view's tiles arrive, MapLibre paints a
// frame for each batch: five to eight partial pictures before the complete one. Where WebGL runs
// in software (kiosks without a GPU, headless browsers, old phones) each frame costs 100–300 ms of
// rasterising and shader compiling, and those partial frames push the complete map a second
// later. So the painter skips frames until the view is complete (every tile and own source in),
// or until `maxMs` have passed: on a slow network the map then builds up as usual. MapLibre still
// runs its frames (requests tiles, places labels) meanwhile; only the drawing waits.
import type { Map as MapLibreMap } from 'maplibre-gl'

/** Holds the map's painting until `complete()` or `maxMs`; returns a function that lets go. */
export function holdFirstPaint(
  map: MapLibreMap,
  complete: () => boolean,
  maxMs: number,
): () => void {
  const painter = map.painter
  const paint = painter.render
  let held = true
  const release = () => {
    if (!held) return
    held = false
    clearTimeout(timer)
    painter.render = paint
  }
  // A frame is only run when something changes: make one when the wait is over.
  const timer = setTimeout(() => {
    release()
    if (!map._removed) map.triggerRepaint()
  }, maxMs)
  painter.render = function (this: typeof painter, ...args: Parameters<typeof paint>) {
    if (!complete()) return
    release()
    paint.apply(this, args)
  }
  return release
}
