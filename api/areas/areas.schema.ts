import { z } from 'zod'

export const areaKind = z.enum(['municipality', 'district', 'zone'])

export const listAreasQuery = z.object({ kind: areaKind.optional() })

export const areaIdParam = z.object({ id: z.string().max(64) })
