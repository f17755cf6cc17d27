// Changing a map's drawings: create, change and delete through the API, each change based on the
// version we hold (a stale one is refused with 409 and the current drawing: see `conflict`),
// with undo and redo of one's own changes. Undo is itself a change sent to the server, so it
// too can meet someone else's edit: it is then a conflict like any other.
import { ApiError } from '../api/client.ts'
import { createFeature, deleteFeature, updateFeature } from '../api/maps-client.ts'
import type { DrawnFeature, FeatureFields } from '../api/maps-types.ts'
import { t } from '../i18n/i18n.svelte.ts'
import { MAX_FEATURES, MAX_VERTICES, vertexCount } from './limits.ts'
import type { MapSession } from './map-session.svelte.ts'
import { mapError } from './messages.ts'

export type FieldName = keyof FeatureFields

/** A change refused because the drawing changed meanwhile: ours and theirs, to merge. */
export interface Conflict {
  featureId: string
  action: 'update' | 'delete'
  /** The fields we tried to set (update). */
  mine: Partial<FeatureFields>
  /** The drawing as it is now on the server. */
  theirs: DrawnFeature
}

type Step =
  | { kind: 'create'; id: string; fields: FeatureFields }
  | { kind: 'update'; id: string; before: Partial<FeatureFields>; after: Partial<FeatureFields> }
  | { kind: 'delete'; id: string; fields: FeatureFields }

const MAX_STEPS = 100

export function fieldsOf(f: DrawnFeature): FeatureFields {
  const p = f.properties
  return {
    kind: p.kind,
    mode: p.mode,
    symbol: p.symbol,
    title: p.title,
    note: p.note,
    story: p.story,
    geometry: f.geometry,
  }
}

export class MapEditing {
  readonly session: MapSession
  /** The last refusal, said in one sentence; cleared by the next success. */
  error = $state('')
  conflict = $state.raw<Conflict | null>(null)
  busy = $state(false)
  undoSize = $state(0)
  redoSize = $state(0)

  #undo: Step[] = []
  #redo: Step[] = []
  /** A drawing deleted by an undo comes back with a new id: steps name it by its first. */
  // Read by the undo steps only, never rendered: deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #alias = new Map<string, string>()

  constructor(session: MapSession) {
    this.session = session
  }

  #id(id: string): string {
    let current = id
    while (this.#alias.has(current)) current = this.#alias.get(current)!
    return current
  }

  #push(step: Step) {
    this.#undo.push(step)
    if (this.#undo.length > MAX_STEPS) this.#undo.shift()
    this.#redo = []
    this.#sizes()
  }

  #sizes() {
    this.undoSize = this.#undo.length
    this.redoSize = this.#redo.length
  }

  /** A refusal before sending: too many vertices or drawings. */
  check(fields: Pick<FeatureFields, 'geometry'>, adding = false): string {
    const n = vertexCount(fields.geometry)
    if (n > MAX_VERTICES) return t('maps.error.tooManyVertices', { n, max: MAX_VERTICES })
    if (adding && this.session.features.size >= MAX_FEATURES) {
      return t('maps.error.tooManyFeatures', { max: MAX_FEATURES })
    }
    return ''
  }

  async create(fields: FeatureFields, record = true): Promise<DrawnFeature | null> {
    const refused = this.check(fields, true)
    if (refused) {
      this.error = refused
      return null
    }
    this.busy = true
    try {
      const feature = await createFeature(this.session.id, fields, crypto.randomUUID())
      this.session.upsert(feature)
      this.error = ''
      if (record) this.#push({ kind: 'create', id: feature.id, fields })
      return feature
    } catch (err) {
      this.error = mapError(err)
      return null
    } finally {
      this.busy = false
    }
  }

  /** Changes fields of a drawing from the version we hold of it. */
  async update(
    id: string,
    change: Partial<FeatureFields>,
    options: { record?: boolean; version?: number } = {},
  ): Promise<DrawnFeature | null> {
    const held = this.session.features.get(id)
    if (!held) {
      this.error = t('maps.error.goneMeanwhile')
      return null
    }
    if (change.geometry) {
      const refused = this.check({ geometry: change.geometry })
      if (refused) {
        this.error = refused
        return null
      }
    }
    const before = pick(fieldsOf(held), Object.keys(change) as FieldName[])
    this.busy = true
    try {
      const version = options.version ?? held.properties.version
      const feature = await updateFeature(this.session.id, id, version, change)
      this.session.upsert(feature)
      this.error = ''
      if (options.record !== false) this.#push({ kind: 'update', id, before, after: change })
      return feature
    } catch (err) {
      this.#refused(err, id, 'update', change)
      return null
    } finally {
      this.busy = false
    }
  }

  async remove(id: string, options: { record?: boolean; version?: number } = {}) {
    const held = this.session.features.get(id)
    if (!held) return true
    this.busy = true
    try {
      await deleteFeature(this.session.id, id, options.version ?? held.properties.version)
      this.session.remove(id)
      this.error = ''
      if (options.record !== false) this.#push({ kind: 'delete', id, fields: fieldsOf(held) })
      return true
    } catch (err) {
      this.#refused(err, id, 'delete', {})
      return false
    } finally {
      this.busy = false
    }
  }

  #refused(err: unknown, id: string, action: Conflict['action'], mine: Partial<FeatureFields>) {
    const current =
      err instanceof ApiError
        ? (err.payload as { current?: DrawnFeature } | undefined)?.current
        : undefined
    if (err instanceof ApiError && err.code === 'version_conflict' && current) {
      this.conflict = { featureId: id, action, mine, theirs: current }
      this.error = t('maps.conflict.short')
    } else if (err instanceof ApiError && err.status === 404) {
      // Deleted by someone else meanwhile.
      this.session.remove(id)
      this.error = t('maps.error.goneMeanwhile')
    } else {
      this.error = mapError(err)
    }
  }

  /** Keeps the drawing as the other person left it. */
  takeTheirs(): void {
    const c = this.conflict
    if (!c) return
    this.session.upsert(c.theirs)
    this.conflict = null
    this.error = ''
  }

  /** Sends ours again on top of theirs: for an edit, the fields chosen as ours. */
  async keepMine(fields: FieldName[] = Object.keys(this.conflict?.mine ?? {}) as FieldName[]) {
    const c = this.conflict
    if (!c) return
    this.session.upsert(c.theirs)
    this.conflict = null
    if (c.action === 'delete') {
      await this.remove(c.featureId, { version: c.theirs.properties.version })
      return
    }
    const change = pick(c.mine, fields)
    if (Object.keys(change).length === 0) {
      this.error = ''
      return
    }
    await this.update(c.featureId, change, { version: c.theirs.properties.version })
  }

  async undo(): Promise<void> {
    const step = this.#undo.pop()
    this.#sizes()
    if (!step) return
    const ok = await this.#apply(step, 'undo')
    if (ok) this.#redo.push(step)
    this.#sizes()
  }

  async redo(): Promise<void> {
    const step = this.#redo.pop()
    this.#sizes()
    if (!step) return
    const ok = await this.#apply(step, 'redo')
    if (ok) this.#undo.push(step)
    this.#sizes()
  }

  async #apply(step: Step, direction: 'undo' | 'redo'): Promise<boolean> {
    const id = this.#id(step.id)
    const recreate = async (fields: FeatureFields) => {
      const made = await this.create(fields, false)
      if (made) this.#alias.set(id, made.id)
      return made !== null
    }
    if (step.kind === 'create') {
      return direction === 'undo' ? this.remove(id, { record: false }) : recreate(step.fields)
    }
    if (step.kind === 'delete') {
      return direction === 'undo' ? recreate(step.fields) : this.remove(id, { record: false })
    }
    const change = direction === 'undo' ? step.before : step.after
    return (await this.update(id, change, { record: false })) !== null
  }
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {}
  for (const k of keys) if (k in o) out[k] = o[k]
  return out
}
