// Issue 3's XSS test: 50 payloads (tests/e2e/xss-payloads.ts) stored through the API in every
// user-provided field the web app shows — display names, place names, descriptions, stories and
// addresses, comments, pseudonyms, report reasons — then every page that shows them opened in
// Chromium. On each page: no dialog opens, no payload runs (each would call the watched
// `__xss(n)` or open a dialog), no element or attribute a payload carries reaches the DOM, no
// Content-Security-Policy violation, and the payload text is there, literally.
// Each page is checked twice: with the CSP (as users get it: nothing may even try to run) and
// with the CSP bypassed (so the proof is the rendering as text, not the CSP catching it).
// Invitations have no free text (role, validated email, expiry): nothing to store there.
import fs from 'node:fs'
import path from 'node:path'
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { launchBrowser } from '../helpers/browser.ts'
import { ROOT } from '../helpers/paths.ts'
import type { RunningServer } from '../helpers/server.ts'
import {
  ADMIN,
  ok,
  PASSWORD,
  signedInApi,
  startServerWithAdmin,
  turinPoint,
  visitorApi,
} from './accounts-fixtures.ts'
import { XSS_PAYLOADS as P } from './xss-payloads.ts'

const RESULTS = path.join(ROOT, 'test-results')
const PSEUDONYM_MAX = 40
const REPORT_TARGETS = 17 // 50 reports, ≤ 3 per place: the third hides it, a fourth would 404

let browser: Browser | undefined
let server: RunningServer | undefined
let admin: APIRequestContext | undefined
/** users[i] is signed in as the account whose display name is P[i]. */
const users: APIRequestContext[] = []
const apis: APIRequestContext[] = []
/** placeIds[i]: the place named P[i]. */
const placeIds: string[] = []
/** The published place every payload comments on. */
let board = ''

const url = (path = '') => server!.url + path

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true })
  await buildWebIfStale()
  ;[server, browser] = await Promise.all([
    // 50 accounts and a few hundred writes from one address in a minute: no write limits here.
    startServerWithAdmin({
      RATE_LIMIT_ANON_WRITES: '0',
      RATE_LIMIT_USER_WRITES: '0',
      RATE_LIMIT_CLIENT_WRITES: '0',
    }),
    launchBrowser(),
  ])
  admin = await signedInApi(url(), ADMIN)
  apis.push(admin)
  await storePayloads()
}, 600_000)

afterAll(async () => {
  for (const a of apis) await a.dispose().catch(() => {})
  await browser?.close()
  await server?.stop()
})

async function storePayloads() {
  // Residents' contributions wait for review: the queue then shows them with their authors.
  await ok(admin!.put('/api/moderation/settings', { data: { residentsPublishDirectly: false } }))
  const visitor = await visitorApi(url())
  apis.push(visitor)
  const demo = await ok<{ features: { id: string }[] }>(visitor.get('/api/places?limit=40'))
  expect(demo.features.length).toBeGreaterThan(REPORT_TARGETS)
  board = demo.features[0]!.id
  const reportTargets = demo.features.slice(1, 1 + REPORT_TARGETS).map((f) => f.id)

  for (const [i, payload] of P.entries()) {
    const user = await visitorApi(url())
    apis.push(user)
    users.push(user)
    const account = { email: `xss-${i}@example.org`, password: PASSWORD, displayName: payload }
    const { user: me } = await ok<{ user: { displayName: string } }>(
      user.post('/api/auth/register', { data: account }),
    )
    expect(me.displayName).toBe(payload) // stored as sent: the literal checks below are fair
    const place = await ok<{ id: string; properties: { name: string; status: string } }>(
      user.post('/api/places', {
        data: {
          category: 'altro',
          name: payload,
          description: P[(i + 1) % P.length],
          story: P[(i + 2) % P.length],
          address: P[(i + 3) % P.length],
          geometry: turinPoint(i),
        },
      }),
    )
    expect(place.properties).toMatchObject({ name: payload, status: 'pending' })
    placeIds.push(place.id)
    await ok(
      user.post('/api/comments', { data: { target: { kind: 'place', id: board }, text: payload } }),
    )
    await ok(
      user.post('/api/reports', {
        data: { kind: 'place', id: reportTargets[i % REPORT_TARGETS], reason: payload },
      }),
    )
    if (payload.length <= PSEUDONYM_MAX) {
      const signed = { pseudonym: payload }
      await ok(
        visitor.post('/api/places', {
          data: { category: 'altro', name: `Luogo ${i}`, geometry: turinPoint(i + 50), ...signed },
        }),
      )
      await ok(
        visitor.post('/api/comments', {
          data: { target: { kind: 'place', id: board }, text: `Commento ${i}`, ...signed },
        }),
      )
    }
  }
}

// ---- Watching a page ---------------------------------------------------------------------

interface Watch {
  context: BrowserContext
  page: Page
  /** Arguments of every __xss(n) call. */
  fired: string[]
  dialogs: string[]
  csp: string[]
  pageErrors: string[]
}

/** What a payload would leave in the DOM if it were parsed as HTML. */
const INJECTED = [
  'script:not([src])',
  'iframe',
  'object',
  'embed',
  'marquee',
  'base',
  'meta[http-equiv]',
  'img[src="x"]',
  'svg animate',
  'a[href^="javascript:" i]',
  '[onerror]',
  '[onload]',
  '[onfocus]',
  '[onmouseover]',
  '[ontoggle]',
  '[onstart]',
  '[onbegin]',
  '[formaction]',
].join(',')

async function watch(bypassCSP: boolean, as?: APIRequestContext): Promise<Watch> {
  const storageState = as ? await as.storageState() : undefined
  const context = await browser!.newContext({
    viewport: { width: 1280, height: 900 },
    bypassCSP,
    ...(storageState ? { storageState } : {}),
  })
  // Nothing leaves this machine.
  await context.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1'
      ? route.continue()
      : route.abort('internetdisconnected'),
  )
  const page = await context.newPage()
  const w: Watch = { context, page, fired: [], dialogs: [], csp: [], pageErrors: [] }
  await context.exposeFunction('__xss', (n: unknown) => w.fired.push(String(n)))
  await context.exposeFunction('__cspViolation', (s: string) => w.csp.push(s))
  // Page-side code as strings: the tests' tsconfig has no DOM types.
  await context.addInitScript(`
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolation(e.violatedDirective + ' blocked ' + e.blockedURI + ' in ' +
        e.sourceFile + ':' + e.lineNumber)
    })`)
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) w.csp.push(m.text())
  })
  page.on('pageerror', (e) => w.pageErrors.push(e.message))
  return w
}

/** Proves the watch sees what it must: markup injected on purpose does run or is blocked. */
async function canary(w: Watch, bypassCSP: boolean) {
  await w.page.goto(url('/accedi'))
  await w.page.getByRole('heading', { level: 1 }).waitFor()
  await w.page.evaluate(`{
    const div = document.createElement('div')
    div.innerHTML = '<img src="data:," onerror="__xss(0)">'
    document.body.append(div)
  }`)
  if (bypassCSP) {
    await expect.poll(() => w.fired).toEqual(['0'])
  } else {
    // Reported twice: the console line and the securitypolicyviolation event.
    await expect.poll(() => w.csp.length).toBe(2)
    expect(w.fired).toEqual([])
  }
  w.fired.length = 0
  w.csp.length = 0
}

/** Waits for a text on the page; on failure, says what the page showed instead. */
async function waitForText(w: Watch, text: string, where: string, timeout = 30_000) {
  try {
    await w.page.getByText(text, { exact: true }).first().waitFor({ timeout })
  } catch (err) {
    const shown = await bodyText(w.page).catch(() => '')
    const file = path.join(RESULTS, `xss-${where.replace(/\W+/g, '-')}.png`)
    await w.page.screenshot({ path: file, fullPage: true }).catch(() => {})
    throw new Error(
      `${where}: ${JSON.stringify(text)} not shown at ${w.page.url()} (${file}):\n${shown}`,
      { cause: err },
    )
  }
}

const bodyText = (page: Page) => page.evaluate<string>('document.body.innerText')

async function settle(page: Page) {
  await page.waitForLoadState('networkidle')
  // Image errors, autofocus and animations fire within a few frames of rendering.
  await page.waitForTimeout(250)
}

/** Nothing ran, nothing was injected, nothing was blocked; the texts are on the page. */
async function assertSafe(w: Watch, where: string, texts: readonly string[]) {
  await settle(w.page)
  const injected = await w.page.evaluate<string[]>(
    `[...document.querySelectorAll(${JSON.stringify(INJECTED)})].map((el) =>
      el.outerHTML.slice(0, 120))`,
  )
  expect(injected, `${where}: elements from a payload`).toEqual([])
  expect(w.page.frames().length, `${where}: frames`).toBe(1)
  expect(w.fired, `${where}: __xss calls`).toEqual([])
  expect(w.dialogs, `${where}: dialogs`).toEqual([])
  expect(w.csp, `${where}: CSP violations`).toEqual([])
  expect(
    w.pageErrors.filter((e) => /__xss|alert|confirm|prompt/.test(e)),
    `${where}: errors of a payload`,
  ).toEqual([])
  const text = await bodyText(w.page)
  const missing = texts.filter((s) => !text.includes(s))
  expect(missing, `${where}: payloads not shown literally`).toEqual([])
}

const PASSES = [
  { name: 'with the CSP', bypassCSP: false },
  { name: 'with the CSP bypassed', bypassCSP: true },
] as const

it('stores the payloads as sent', () => {
  expect(P).toHaveLength(50)
  expect(new Set(P).size).toBe(50)
  for (const p of P) {
    expect(p.length).toBeLessThanOrEqual(80)
    expect(p).toBe(p.normalize('NFC').trim())
  }
  expect(placeIds).toHaveLength(50)
})

describe.each(PASSES)('pages of accounts and moderation, $name', ({ bypassCSP }) => {
  it('the moderation queue shows every name, place, comment, pseudonym and reason as text', async () => {
    const w = await watch(bypassCSP, admin)
    try {
      await canary(w, bypassCSP)
      await w.page.goto(url('/moderazione'))
      await w.page.getByRole('article').first().waitFor()
      const more = w.page.getByRole('button', { name: 'Mostra altri' })
      while (await more.isVisible()) {
        const before = await w.page.getByRole('article').count()
        await more.click()
        await expect.poll(() => w.page.getByRole('article').count()).toBeGreaterThan(before)
      }
      await assertSafe(w, '/moderazione', P)
      // Each payload is shown in several roles: author, place, description, comment, reason.
      const text = await bodyText(w.page)
      for (const p of P) {
        expect(text.split(p).length - 1, p).toBeGreaterThanOrEqual(4)
      }
    } finally {
      await w.context.close()
    }
  })

  it('the users page shows every display name as text', async () => {
    const w = await watch(bypassCSP, admin)
    try {
      await w.page.goto(url('/amministrazione'))
      await w.page.getByText('xss-49@example.org').waitFor()
      await assertSafe(w, '/amministrazione', P)
    } finally {
      await w.context.close()
    }
  })

  it('each person sees their name and contributions as text', { timeout: 300_000 }, async () => {
    // Every person without the CSP; with it, one in five (the same pages, to keep the run short).
    const people = [...P.keys()].filter((i) => bypassCSP || i % 5 === 0)
    // Three browser contexts side by side, each with its share of the people: one after
    // another, the loads took minutes. Each person opens their account page, then follows its
    // link to their contributions, as people do (the app moves there without loading again).
    const LANES = 3
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const w = await watch(bypassCSP)
        try {
          for (const i of people.filter((_, k) => k % LANES === lane)) {
            await w.context.clearCookies()
            await w.context.addCookies((await users[i]!.storageState()).cookies)
            await w.page.goto(url('/account'))
            await waitForText(w, P[i]!, `/account of P[${i}]`)
            await assertSafe(w, `/account of P[${i}]`, [P[i]!])
            await w.page.locator('main a[href="/miei-contributi"]').click()
            await w.page.waitForURL(url('/miei-contributi'))
            await waitForText(w, P[i]!, `/miei-contributi of P[${i}]`)
            await assertSafe(w, `/miei-contributi of P[${i}]`, [P[i]!])
          }
        } finally {
          await w.context.close()
        }
      }),
    )
  })
})

describe('the viewer, once everything is published', () => {
  beforeAll(async () => {
    for (;;) {
      const { items } = await ok<{ items: { kind: string; id: string; status: string }[] }>(
        admin!.get('/api/moderation/queue?limit=200'),
      )
      const pending = items.filter((i) => i.status === 'pending')
      if (pending.length === 0) break
      for (const item of pending) {
        await ok(admin!.post(`/api/moderation/${item.kind}/${item.id}/approve`, { data: {} }))
      }
    }
  }, 300_000)

  describe.each(PASSES)('$name', ({ bypassCSP }) => {
    it(
      'shows the comments and their authors as text in a place’s details',
      { timeout: 60_000 },
      async () => {
        const w = await watch(bypassCSP, users[0])
        try {
          await w.page.goto(url(`/?sel=place:${board}`))
          await waitForText(w, P[49]!, 'details of the place with the comments', 45_000)
          await assertSafe(w, 'details of the place with the comments', P)
          // Each payload is a comment and its author's name; the shorter ones a pseudonym too.
          const text = await bodyText(w.page)
          for (const p of P) {
            const times = p.length <= PSEUDONYM_MAX ? 3 : 2
            expect(text.split(p).length - 1, p).toBeGreaterThanOrEqual(times)
          }
        } finally {
          await w.context.close()
        }
      },
    )

    it(
      'shows a place’s name, description, story and address as text',
      { timeout: 120_000 },
      async () => {
        const w = await watch(bypassCSP)
        try {
          for (const i of [0, 12, 25, 37, 49]) {
            await w.page.goto(url(`/?sel=place:${placeIds[i]}`))
            await waitForText(w, P[i]!, `details of the place named P[${i}]`, 45_000)
            const texts = [0, 1, 2, 3].map((k) => P[(i + k) % P.length]!)
            await assertSafe(w, `details of the place named P[${i}]`, texts)
          }
        } finally {
          await w.context.close()
        }
      },
    )
  })
})
