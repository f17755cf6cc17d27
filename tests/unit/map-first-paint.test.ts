// holdFirstPaint (web/src/map/first-paint.ts): the map's painter draws nothing until the first
// view is complete, or until the wait runs out (and then a frame is asked for); afterwards it
// paints as MapLibre always does.
import type { Map as MapLibreMap } from 'maplibre-gl'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { holdFirstPaint } from '../../web/src/map/first-paint.ts'

function fakeMap() {
  const painted: unknown[] = []
  const painter = {
    frames: 0,
    render(this: { frames: number }, style: unknown) {
      this.frames += 1
      painted.push(style)
    },
  }
  const map = { painter, _removed: false, triggerRepaint: vi.fn() }
  // MapLibre calls it as a method of the painter, with the style first.
  const frame = (style: unknown) => map.painter.render.call(map.painter, style)
  return { map: map as unknown as MapLibreMap & typeof map, painted, painter, frame }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('holdFirstPaint', () => {
  it('skips frames until the view is complete, then paints every frame', () => {
    const { map, painted, painter, frame } = fakeMap()
    let complete = false
    holdFirstPaint(map, () => complete, 2000)
    frame('partial 1')
    frame('partial 2')
    expect(painted).toEqual([])
    complete = true
    frame('whole')
    complete = false // later frames are not held any more
    frame('next')
    expect(painted).toEqual(['whole', 'next'])
    expect(painter.frames).toBe(2)
    vi.advanceTimersByTime(5000)
    expect(map.triggerRepaint).not.toHaveBeenCalled()
  })

  it('lets go after the wait and asks for a frame (a slow network must not leave it blank)', () => {
    const { map, painted, frame } = fakeMap()
    holdFirstPaint(map, () => false, 2000)
    frame('early')
    vi.advanceTimersByTime(1999)
    expect(map.triggerRepaint).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(map.triggerRepaint).toHaveBeenCalledOnce()
    frame('late')
    expect(painted).toEqual(['late'])
  })

  it('can be let go early (the map is removed) without a frame asked of a removed map', () => {
    const { map, painted, frame } = fakeMap()
    const letGo = holdFirstPaint(map, () => false, 2000)
    letGo()
    map._removed = true
    vi.advanceTimersByTime(5000)
    expect(map.triggerRepaint).not.toHaveBeenCalled()
    frame('after')
    expect(painted).toEqual(['after'])
  })
})
