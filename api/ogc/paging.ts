// Paging of /items through an opaque `cursor` (OGC API – Features Part 1 §7.15.6: the server
// chooses how `next` links page; clients only follow them). Two kinds of token:
//  - keyset over `seq` for places and resources, which may hold millions of rows: `n:<seq>`
//    reads the page older than seq, `p:<seq>` the page newer than it (the `prev` link). Each
//    page costs the same however deep it is.
//  - an offset for the small collections computed whole in memory (areas, aggregates): `o:<n>`.
import { invalidParam } from './params.ts'

export type SeqCursor = { direction: 'next' | 'prev'; seq: string }

const encode = (text: string) => Buffer.from(text).toString('base64url')

function decode(value: string): string {
  if (value.length > 100) throw invalidParam('cursor', 'not a cursor from a previous page')
  return Buffer.from(value, 'base64url').toString('utf8')
}

export function seqToken(direction: SeqCursor['direction'], seq: string | bigint): string {
  return encode(`${direction === 'next' ? 'n' : 'p'}:${seq}`)
}

export function readSeqCursor(value: string | undefined): SeqCursor | undefined {
  if (value === undefined) return undefined
  const m = /^([np]):(\d{1,19})$/.exec(decode(value))
  if (!m) throw invalidParam('cursor', 'not a cursor from a previous page')
  return { direction: m[1] === 'n' ? 'next' : 'prev', seq: m[2]! }
}

/**
 * The cursors around a page read through `cursor`. `page.nextSeq` / `page.prevSeq` come from
 * the repository (api/geo/feature-list.ts Page). A page read forwards from `n:C` has a
 * previous page: the rows from C on (`p:C-1`). The first page has none.
 */
export function seqNeighbours(
  cursor: SeqCursor | undefined,
  page: { nextSeq: string | null; prevSeq?: string | null | undefined },
): { next?: string; prev?: string } {
  const out: { next?: string; prev?: string } = {}
  if (page.nextSeq !== null) out.next = seqToken('next', page.nextSeq)
  if (cursor?.direction === 'next') out.prev = seqToken('prev', BigInt(cursor.seq) - 1n)
  if (cursor?.direction === 'prev' && page.prevSeq) out.prev = seqToken('prev', page.prevSeq)
  return out
}

export const offsetToken = (offset: number) => encode(`o:${offset}`)

export function readOffsetCursor(value: string | undefined): number {
  if (value === undefined) return 0
  const m = /^o:(\d{1,9})$/.exec(decode(value))
  if (!m) throw invalidParam('cursor', 'not a cursor from a previous page')
  return Number(m[1])
}

/** One page of a list held in memory, with the cursors around it. */
export function slicePage<T>(all: readonly T[], offset: number, limit: number) {
  const out: { items: T[]; next?: string; prev?: string } = {
    items: all.slice(offset, offset + limit),
  }
  if (offset + limit < all.length) out.next = offsetToken(offset + limit)
  if (offset > 0) out.prev = offsetToken(Math.max(0, offset - limit))
  return out
}
