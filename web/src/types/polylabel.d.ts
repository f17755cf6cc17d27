// polylabel 2 ships no types. https://github.com/mapbox/polylabel
declare module 'polylabel' {
  /** The pole of inaccessibility of a polygon (rings of [x, y]), within `precision`. */
  export default function polylabel(
    polygon: number[][][],
    precision?: number,
    debug?: boolean,
  ): [number, number] & { distance: number }
}
