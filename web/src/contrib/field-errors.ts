// The API names the field at fault (`details: [{ field, message }]`, e.g. "geometry.coordinates"
// or "target.id"); forms show a message next to that field. The top-level name decides which.
import { ApiError } from '../api/client.ts'

/** Field (first path segment) → the server's message, for every field the error names. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return out
  for (const d of err.details as { field?: unknown; message?: unknown }[]) {
    if (typeof d.field !== 'string') continue
    const field = d.field.split('.')[0]!
    out[field] ??= typeof d.message === 'string' ? d.message : ''
  }
  return out
}
