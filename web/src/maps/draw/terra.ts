// Terra Draw (https://terra-draw.io) on our MapLibre map: the tools people draw with, with
// coordinates rounded to 7 decimals (≈ 1 cm, what the API keeps; Terra Draw's default is 9),
// shapes that may not cross themselves, snapping to the map's other drawings and to the places
// of community, and undo of the last vertex while a shape is being drawn. Terra Draw holds only
// what is being drawn or reshaped: the map's drawings are ours (DrawingsLayer).
import type { Map as MapLibreMap } from 'maplibre-gl'
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawFreehandMode,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
  type HexColor,
  type SnapToCustom,
} from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'

export const COORDINATE_PRECISION = 7

export interface DrawOptions {
  /** The colour of the symbol being drawn with. */
  color: () => string
  /** The nearest existing vertex or place to snap to, if one is close enough. */
  snap: SnapToCustom
}

const hex = (c: string) => c as HexColor
const INK = hex('#0d3b4c')
const WHITE = hex('#ffffff')

/** Shapes must not cross themselves (PostGIS would refuse them): checked when finished. */
function notSelfIntersecting(feature: GeoJSONStoreFeatures, ctx: { updateType: string }) {
  return ctx.updateType === 'provisional' ? { valid: true } : ValidateNotSelfIntersecting(feature)
}

export function createDraw(map: MapLibreMap, o: DrawOptions): TerraDraw {
  const color = () => hex(o.color())
  const snapping = { toCoordinate: true, toCustom: o.snap }
  const point = { pointColor: color, pointWidth: 8, pointOutlineColor: WHITE, pointOutlineWidth: 3 }
  const vertices = {
    coordinatePointColor: WHITE,
    coordinatePointOutlineColor: INK,
    coordinatePointWidth: 5,
    coordinatePointOutlineWidth: 2,
    snappingPointColor: INK,
    snappingPointWidth: 7,
    snappingPointOutlineColor: WHITE,
    snappingPointOutlineWidth: 2,
    closingPointColor: WHITE,
    closingPointOutlineColor: INK,
    closingPointWidth: 7,
    closingPointOutlineWidth: 2,
  }
  const area = {
    fillColor: color,
    fillOpacity: 0.3,
    outlineColor: color,
    outlineWidth: 3,
  }
  const editable = {
    draggable: true,
    coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
  }
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION }),
    modes: [
      new TerraDrawPointMode({ styles: point }),
      new TerraDrawPointMode({ modeName: 'label', styles: { ...point, pointColor: INK } }),
      new TerraDrawLineStringMode({
        snapping,
        showCoordinatePoints: true,
        styles: { lineStringColor: color, lineStringWidth: 4, ...vertices },
      }),
      new TerraDrawPolygonMode({
        snapping,
        showCoordinatePoints: true,
        validation: notSelfIntersecting,
        styles: { ...area, ...vertices },
      }),
      new TerraDrawFreehandMode({ validation: notSelfIntersecting, styles: area }),
      new TerraDrawCircleMode({ styles: area }),
      new TerraDrawSelectMode({
        // Only the drawing being reshaped is in Terra Draw: no picking others, no keyboard
        // deletion (deleting is a button, with a confirmation).
        allowManualSelection: false,
        keyEvents: null,
        flags: {
          point: { feature: { draggable: true } },
          label: { feature: { draggable: true } },
          linestring: { feature: editable },
          polygon: { feature: { ...editable, validation: notSelfIntersecting } },
          freehand: { feature: { draggable: true, validation: notSelfIntersecting } },
          circle: { feature: { draggable: true, coordinates: { resizable: 'center' } } },
        },
        styles: {
          selectedPolygonColor: color,
          selectedPolygonFillOpacity: 0.3,
          selectedPolygonOutlineColor: INK,
          selectedPolygonOutlineWidth: 3,
          selectedLineStringColor: INK,
          selectedLineStringWidth: 4,
          selectedPointColor: color,
          selectedPointWidth: 10,
          selectedPointOutlineColor: INK,
          selectedPointOutlineWidth: 3,
          selectionPointColor: WHITE,
          selectionPointOutlineColor: INK,
          selectionPointWidth: 6,
          selectionPointOutlineWidth: 2,
          midPointColor: INK,
          midPointOutlineColor: WHITE,
          midPointWidth: 4,
          midPointOutlineWidth: 2,
        },
      }),
    ],
    undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
  })
  draw.start()
  return draw
}
