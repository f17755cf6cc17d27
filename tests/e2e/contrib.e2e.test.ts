// Contributing, in Chromium against the real server: an anonymous resident adds a place on the
// map (device position with its accuracy, then a tap), a double click stores it once, it waits
// for review and shows only to its author; a moderator approves it inline and everyone sees it.
// Field errors from the API, comments with replies and reactions, reports, a resident's own
// contributions, and axe-core on the add-place form and the comment thread.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import {
  launchBrowser,
  openMap,
  waitForIdle,
  watchedPage,
  type AppWindow,
  type Watched,
} from '../helpers/browser.ts'
import { createServerDatabase } from '../helpers/db.ts'
import { ROOT } from '../helpers/paths.ts'
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts'

const RESULTS = path.join(ROOT, 'test-results')
const PASSWORD = 'correct horse battery staple'
const ADMIN = 'amministrazione@example.org'
const MODERATOR = 'moderatrice@example.org'
/** EPSG:4326: piazza della Repubblica (Porta Palazzo), Turin. */
const TURIN = { latitude: 45.0763, longitude: 7.6829 }
/** Milan: outside the territory the API accepts. */
const MILAN = { latitude: 45.4642, longitude: 9.19 }
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8')

let browser: Browser | undefined
let server: RunningServer | undefined
let serverDb: { url: string; drop(): Promise<void> } | undefined
const watched: Watched[] = []

/** A JSON request as this site's pages send it (same Origin: the CSRF guard wants it). */
function api(method: string, url: string, body: unknown, cookie?: string) {
  return fetch(server!.url + url, {
    method,
    headers: {
      'Content-Type': 'application/json',
      Origin: server!.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(body),
  })
}

/** `npm run admin` against the server's database, before the server holds it. */
function admin(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'api/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, ADMIN_PASSWORD: PASSWORD, BASEMAP_STYLE_URL: 'offline' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()))
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()))
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(out))))
  })
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true })
  const dataDir = tempDir()
  // The server run gets its own database; the embedded one lives in dataDir.
  if (process.env.DATABASE_URL) serverDb = await createServerDatabase()
  const env: Record<string, string> = serverDb
    ? { DATABASE_URL: serverDb.url }
    : { DATABASE_URL: '', DATA_DIR: dataDir }
  await Promise.all([buildWebIfStale(), admin(['create', ADMIN], env)])
  ;[server, browser] = await Promise.all([
    startServer({ dataDir, env: serverDb ? { DATABASE_URL: serverDb.url } : {} }),
    launchBrowser(),
  ])
  // The moderator: an account like any other, given its role by the admin.
  const registered = await api('POST', '/api/auth/register', {
    email: MODERATOR,
    password: PASSWORD,
    displayName: 'Marta',
  })
  expect(registered.status).toBe(201)
  const { user } = (await registered.json()) as { user: { id: string } }
  const login = await api('POST', '/api/auth/login', { email: ADMIN, password: PASSWORD })
  expect(login.status).toBe(200)
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!
  const promoted = await api('PATCH', `/api/users/${user.id}`, { role: 'moderator' }, cookie)
  expect(promoted.status).toBe(200)
  // The first map after a start is the slowest (cold tiles, cold caches): load it once here, with
  // the hook's patience, so that a busy machine does not fail the first test on time alone.
  const warm = await watch()
  await warm.page.goto(server!.url)
  await warm.page.waitForSelector('.map[data-ready="true"]', {
    state: 'attached',
    timeout: 150_000,
  })
  await warm.context.close()
}, 240_000)

afterAll(async () => {
  for (const w of watched) await w.context.close().catch(() => {})
  await browser?.close()
  await server?.stop()
  await serverDb?.drop()
})

async function watch(options?: BrowserContextOptions): Promise<Watched> {
  const w = await watchedPage(browser!, options)
  watched.push(w)
  return w
}

/** Signs the page's browser in (the session cookie is then the context's). The page must be one
 * of the app's (same origin); a page without the map is the lightest. */
async function signIn(page: Page, email: string, password = PASSWORD) {
  const status = await page.evaluate(
    async ([email, password]) =>
      (
        await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status,
    [email, password] as const,
  )
  expect(status).toBe(200)
}

/** A new resident account, signed in in this page. */
async function registerResident(page: Page, displayName: string) {
  const email = `${displayName.toLowerCase()}-${Date.now()}@example.org`
  const status = await page.evaluate(
    async ([email, displayName, password]) =>
      (
        await fetch('/api/auth/register', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, displayName, password }),
        })
      ).status,
    [email, displayName, PASSWORD] as const,
  )
  expect(status).toBe(201)
}

/** GET as a visitor (no cookie), from the test process. */
async function publicGet<T>(url: string): Promise<T> {
  const res = await fetch(server!.url + url)
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

type Places = { numberMatched: number; features: { id: string; properties: { name: string } }[] }

/** Serious and critical axe-core violations inside `selector`. */
async function axeViolations(page: Page, selector: string) {
  // Evaluated, not added as a <script>: the app's CSP refuses inline scripts, rightly.
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (selector) => {
    type Result = { id: string; impact: string; nodes: { target: string[] }[] }
    const axe = (
      globalThis as unknown as { axe: { run(c: unknown): Promise<{ violations: Result[] }> } }
    ).axe
    const r = await axe.run({ include: [selector] })
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  }, selector)
}

/** The places this browser remembers as sent and waiting for review (contrib/add-place). */
function remembered(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const storage = (
      globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
    ).localStorage
    return storage.getItem('intrecci.myPendingPlaces')
  })
}

async function openAddPlace(page: Page) {
  await page.getByRole('button', { name: 'Aggiungi un luogo' }).first().click()
  const form = page.getByTestId('add-place-form')
  await form.waitFor()
  return form
}

describe('adding a place', { timeout: 120_000 }, () => {
  it('an anonymous resident adds a place; it waits for review; a moderator approves it inline; everyone sees it', async () => {
    const name = `Orto condiviso di Porta Palazzo ${Date.now()}`
    const { page, ...w } = await watch({
      geolocation: { ...TURIN, accuracy: 35 },
      permissions: ['geolocation'],
    })
    await openMap(page, server!.url)
    const form = await openAddPlace(page)

    // The device's position, with its accuracy in plain words.
    await form.getByRole('button', { name: 'Usa la mia posizione' }).click()
    await expect.poll(() => form.getByTestId('accuracy').textContent()).toContain('35 m')
    expect(await form.getByTestId('chosen-position').textContent()).toContain('La tua posizione')
    // The map brings the device's position into view; then a tap moves the pin there.
    await waitForIdle(page)
    const canvas = page.locator('.map canvas')
    const box = (await canvas.boundingBox())!
    const tap = { x: Math.round(box.width * 0.7), y: Math.round(box.height * 0.5) }
    const tapped = await page.evaluate(({ x, y }) => {
      const map = (globalThis as unknown as AppWindow).__intrecci.map
      const p = map.unproject([x, y])
      return [p.lng, p.lat]
    }, tap)
    await canvas.click({ position: tap })
    await expect
      .poll(() => form.getByTestId('chosen-position').textContent())
      .toContain('Punto scelto sulla mappa')
    await expect.poll(() => page.getByTestId('new-place-pin').count()).toBe(1)

    await form.getByLabel('Che tipo di luogo è?').selectOption('orto_giardino')
    await form.getByLabel('Nome del luogo').fill(name)
    await form
      .getByLabel('La sua storia (facoltativa)')
      .fill('Ci troviamo il sabato <b>mattina</b>.')
    await form.getByLabel('Il tuo nome o uno pseudonimo').fill('Gianna')
    await page.screenshot({ path: path.join(RESULTS, 'contrib-add-form.png') })

    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/places') && r.request().method() === 'POST',
    )
    // A double click sends it once (and a retry would carry the same Idempotency-Key).
    await form.getByRole('button', { name: 'Invia il luogo' }).dblclick()
    const response = await created
    expect(response.status()).toBe(201)
    expect(response.request().headers()['idempotency-key']).toBeTruthy()
    const place = (await response.json()) as {
      id: string
      geometry: { coordinates: [number, number] }
      properties: { status: string }
    }
    expect(place.properties.status).toBe('pending')
    expect(place.geometry.coordinates[0]).toBeCloseTo(tapped[0]!, 5)
    expect(place.geometry.coordinates[1]).toBeCloseTo(tapped[1]!, 5)

    // The author is told, and sees it on the map as pending.
    const notice = form.getByTestId('add-notice')
    await expect.poll(() => notice.textContent()).toContain('in attesa di revisione')
    expect(await page.getByTestId('pending-pin').textContent()).toContain(name)
    expect(await remembered(page)).toContain(place.id)
    await page.screenshot({ path: path.join(RESULTS, 'contrib-add-pending.png') })

    // Nobody else sees it yet.
    const before = await publicGet<Places>(`/api/places?q=${encodeURIComponent(name)}`)
    expect(before.numberMatched).toBe(0)

    // A moderator opens it where it is and approves it inline.
    const mod = await watch()
    await mod.page.goto(`${server!.url}/miei-contributi`)
    await signIn(mod.page, MODERATOR)
    const requests = mod.requests.length
    await openMap(mod.page, `${server!.url}/?sel=place:${place.id}`)
    const moderation = mod.page.getByTestId('moderation').first()
    await moderation.waitFor()
    // Exactly one place with that name waits in the queue: the double click stored one.
    const queue = await mod.page.evaluate(async () => {
      const r = await fetch('/api/moderation/queue?kind=place&limit=200')
      return ((await r.json()) as { items: { title: string }[] }).items.map((i) => i.title)
    })
    expect(queue.filter((t) => t === name)).toHaveLength(1)
    await mod.page.screenshot({ path: path.join(RESULTS, 'contrib-moderation-inline.png') })
    await moderation.getByRole('button', { name: 'Approva' }).click()
    await expect.poll(() => moderation.textContent()).toContain('Pubblicato')
    expect(mod.requests.slice(requests).some((u) => u.includes(`/place/${place.id}/approve`))).toBe(
      true,
    )

    await mod.context.close() // two maps at once are slow on a busy machine

    // Now everyone sees it: the public list, and the author's map without the pending pin.
    const after = await publicGet<Places>(`/api/places?q=${encodeURIComponent(name)}`)
    expect(after.features.map((f) => f.id)).toEqual([place.id])
    await openMap(page, `${server!.url}/?sel=place:${place.id}`)
    // The author's browser learns it is public (it asks once the map is up) and drops its pin.
    await expect.poll(() => remembered(page)).toBe('[]')
    expect(await page.getByTestId('pending-pin').count()).toBe(0)
    await expect.poll(() => page.getByText(name).count()).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(RESULTS, 'contrib-add-approved.png') })

    expect(w.pageErrors).toEqual([])
    expect(mod.pageErrors).toEqual([])
  })

  it('warns about a poor position and shows the API’s error next to the position', async () => {
    const { page, ...w } = await watch({
      geolocation: { ...MILAN, accuracy: 250 },
      permissions: ['geolocation'],
    })
    await openMap(page, server!.url)
    const form = await openAddPlace(page)

    // Nothing filled in: our own checks name each field, without a request.
    await form.getByRole('button', { name: 'Invia il luogo' }).click()
    expect(await form.getByLabel('Nome del luogo').getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => form.locator('.c-error').count()).toBeGreaterThanOrEqual(4)

    await form.getByRole('button', { name: 'Usa la mia posizione' }).click()
    await expect.poll(() => form.getByTestId('accuracy').textContent()).toContain('250 m')
    expect(await form.getByText('La posizione è poco precisa').count()).toBe(1)
    await form.getByLabel('Che tipo di luogo è?').selectOption('biblioteca')
    await form.getByLabel('Nome del luogo').fill('Biblioteca lontana')
    await form.getByLabel('Il tuo nome o uno pseudonimo').fill('Gianna')
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/api/places') && r.request().method() === 'POST',
    )
    await form.getByRole('button', { name: 'Invia il luogo' }).click()
    expect((await answered).status()).toBe(422)
    await expect
      .poll(() => form.locator('#c-position-error').textContent())
      .toContain('Torino o nei comuni del CIdiS')
    await page.screenshot({ path: path.join(RESULTS, 'contrib-add-errors.png') })

    expect(await axeViolations(page, '[data-testid="add-place-form"]')).toEqual([])
    expect(w.pageErrors).toEqual([])
  })

  it('works on a phone-sized screen, and axe-core finds nothing serious in the form', async () => {
    const { page, ...w } = await watch({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    await openMap(page, server!.url)
    const form = await openAddPlace(page)
    await form.getByLabel('Nome del luogo').fill('Panchina amica')
    const fits = await form.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)
    expect(fits).toBe(true)
    const submit = form.getByRole('button', { name: 'Invia il luogo' })
    const size = (await submit.boundingBox())!
    expect(size.height).toBeGreaterThanOrEqual(44)
    await page.screenshot({ path: path.join(RESULTS, 'contrib-add-phone.png'), fullPage: true })
    expect(await axeViolations(page, '[data-testid="add-place-form"]')).toEqual([])
    expect(w.pageErrors).toEqual([])
  })
})

describe('comments', { timeout: 120_000 }, () => {
  it('a visitor comments with a reaction, a moderator approves, others reply, react and report', async () => {
    const list = await publicGet<Places>('/api/places?limit=1')
    const target = list.features[0]!
    const url = `${server!.url}/?sel=place:${target.id}`

    // A visitor comments under a pseudonym, with a reaction: it waits for review.
    const visitor = await watch()
    await openMap(visitor.page, url)
    const thread = visitor.page.getByTestId('comment-thread').first()
    await thread.waitFor()
    await thread.getByLabel('Il tuo commento').fill('Ci vado ogni giovedì per la <i>merenda</i>.')
    await thread.getByRole('radio', { name: 'Grazie' }).first().check()
    await thread.getByLabel('Il tuo nome o uno pseudonimo').fill('Tonino')
    await thread.getByRole('button', { name: 'Invia il commento' }).click()
    await expect
      .poll(() => thread.getByTestId('comment-notice').textContent())
      .toContain('in attesa di revisione')
    const mine = thread.getByTestId('comment').filter({ hasText: 'merenda' })
    expect(await mine.getAttribute('data-status')).toBe('pending')
    // Rendered as text: the markup the visitor typed is not markup.
    expect(await mine.locator('i').count()).toBe(0)
    expect(await mine.textContent()).toContain('<i>merenda</i>')
    const commentId = (await mine.getAttribute('data-id'))!
    await visitor.context.close() // one map at a time: two are slow on a busy machine

    // The moderator approves it inline, in the place's thread.
    const mod = await watch()
    await mod.page.goto(`${server!.url}/miei-contributi`)
    await signIn(mod.page, MODERATOR)
    await openMap(mod.page, url)
    const pending = mod.page.locator(`[data-testid="comment"][data-id="${commentId}"]`)
    await pending.getByRole('button', { name: 'Approva' }).click()
    await expect.poll(() => pending.getAttribute('data-status')).toBe('published')
    await mod.context.close()

    // A resident with an account replies and reacts; published at once.
    const resident = await watch()
    await resident.page.goto(`${server!.url}/miei-contributi`)
    await registerResident(resident.page, 'Rosa')
    await openMap(resident.page, url)
    const rThread = resident.page.getByTestId('comment-thread').first()
    const approved = rThread.locator(`[data-testid="comment"][data-id="${commentId}"]`)
    await approved.waitFor()
    await approved.getByRole('button', { name: 'Rispondi' }).click()
    await rThread.getByLabel('La tua risposta').fill('Anche io! Ci vediamo lì.')
    await rThread.getByRole('button', { name: 'Invia la risposta' }).click()
    await expect
      .poll(() => rThread.locator('.replies [data-testid="comment"]').count())
      .toBeGreaterThan(0)
    await rThread.getByLabel('Il tuo commento').fill('Un posto accogliente.')
    await rThread.getByRole('radio', { name: 'Mi piace' }).last().check()
    await rThread.getByRole('button', { name: 'Invia il commento' }).click()
    await expect
      .poll(() => rThread.getByTestId('reaction-summary').textContent())
      .toMatch(/Mi piace\s*1/)
    expect(await rThread.getByTestId('reaction-summary').textContent()).toMatch(/Grazie\s*1/)

    // And reports the visitor's comment.
    await approved.getByRole('button', { name: /Segnala/ }).click()
    await approved.getByLabel('Contenuto offensivo').check()
    await approved.getByRole('button', { name: 'Invia la segnalazione' }).click()
    await expect.poll(() => approved.textContent()).toContain('la segnalazione è arrivata')
    await resident.page.screenshot({ path: path.join(RESULTS, 'contrib-comments.png') })

    // What the API now holds, as anyone reads it.
    const comments = await publicGet<{
      items: { text: string; parentId: string | null; reaction: string | null }[]
    }>(`/api/comments?targetKind=place&targetId=${target.id}`)
    expect(comments.items.map((c) => [c.text, c.parentId === commentId, c.reaction])).toEqual(
      expect.arrayContaining([
        ['Ci vado ogni giovedì per la <i>merenda</i>.', false, 'thanks'],
        ['Anche io! Ci vediamo lì.', true, null],
        ['Un posto accogliente.', false, 'like'],
      ]),
    )

    expect(await axeViolations(resident.page, '[data-testid="comment-thread"]')).toEqual([])
    for (const w of [visitor, mod, resident]) expect(w.pageErrors).toEqual([])
  })
})

describe('my contributions', { timeout: 120_000 }, () => {
  it('a resident sees their places with their status and edits one', async () => {
    const { page, ...w } = await watch()
    await page.goto(`${server!.url}/miei-contributi`)
    await registerResident(page, 'Piero')
    const id = await page.evaluate(async () => {
      const r = await fetch('/api/places', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          category: 'bar_edicola',
          name: 'Edicola di corso Giulio',
          geometry: { type: 'Point', coordinates: [7.685, 45.08] },
        }),
      })
      return ((await r.json()) as { id: string }).id
    })
    await page.goto(`${server!.url}/miei-contributi`)
    const item = page.getByTestId('my-place').filter({ hasText: 'Edicola di corso Giulio' })
    await item.waitFor()
    expect(await item.getAttribute('data-status')).toBe('published')
    await item.getByRole('button', { name: /Modifica/ }).click()
    await item.getByLabel('Nome del luogo').fill('Edicola e caffè di corso Giulio')
    await item.getByRole('button', { name: 'Salva le modifiche' }).click()
    await expect
      .poll(() => page.getByText('Modifiche salvate').count(), { timeout: 10_000 })
      .toBe(1)
    await page.screenshot({ path: path.join(RESULTS, 'contrib-mine.png'), fullPage: true })
    const place = await publicGet<{ properties: { name: string; version: number } }>(
      `/api/places/${id}`,
    )
    expect(place.properties).toMatchObject({ name: 'Edicola e caffè di corso Giulio', version: 2 })
    expect(w.pageErrors).toEqual([])
  })
})
