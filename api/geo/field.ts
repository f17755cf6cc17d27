// The zod side of the geometry guard: the structural checks (400) once, at the edge. The
// territory, size and PostGIS checks (422) follow in the route through guardGeometry().
import { z } from 'zod'
import { checkStructure, type GeometryOf, type GeometryType } from './guard.ts'

/** A GeoJSON geometry of one of `types`, rounded to 7 decimals; issues name the path at fault
 * (e.g. `geometry.coordinates.0.3`). */
export function geometryField<T extends GeometryType>(types: readonly T[]) {
  return z.unknown().transform((value, ctx): GeometryOf<T> => {
    const result = checkStructure(value, { types, field: '' })
    if (result.valid) return result.geometry
    ctx.addIssue({
      code: 'custom',
      message: result.reason,
      path: result.field.split('.').filter(Boolean),
    })
    return z.NEVER
  })
}
