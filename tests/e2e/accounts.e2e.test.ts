// The account pages in Chromium against the real server: signing in and out, an invitation
// link, the personal export and erasure, the moderation queue, roles and invitations in the
// administration page, and every page at 360 px. The first admin comes from the admin CLI.
import fs from 'node:fs'
import type {
  APIRequestContext,
  Browser,
  BrowserContextOptions,
  Locator,
  Page,
} from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { launchBrowser, watchedPage, type Watched } from '../helpers/browser.ts'
import type { RunningServer } from '../helpers/server.ts'
import {
  ADMIN,
  invitedAccount,
  ok,
  PASSWORD,
  signedInApi,
  startServerWithAdmin,
  turinPoint,
  visitorApi,
} from './accounts-fixtures.ts'

let browser: Browser | undefined
let server: RunningServer | undefined
let admin: APIRequestContext | undefined
const watched: Watched[] = []
const apis: APIRequestContext[] = []

beforeAll(async () => {
  await buildWebIfStale()
  ;[server, browser] = await Promise.all([startServerWithAdmin(), launchBrowser()])
  admin = await api({ email: ADMIN.email, password: ADMIN.password })
}, 240_000)

afterAll(async () => {
  for (const w of watched) await w.context.close().catch(() => {})
  for (const a of apis) await a.dispose().catch(() => {})
  await browser?.close()
  await server?.stop()
})

const url = (path = '') => server!.url + path

async function api(credentials?: { email: string; password: string }) {
  const a = credentials ? await signedInApi(url(), credentials) : await visitorApi(url())
  apis.push(a)
  return a
}

/** A Chromium page, signed in as `as` (an API client's cookies) or anonymous. */
async function open(as?: APIRequestContext, options: BrowserContextOptions = {}): Promise<Page> {
  const storageState = as ? await as.storageState() : undefined
  const w = await watchedPage(browser!, { ...options, ...(storageState ? { storageState } : {}) })
  watched.push(w)
  return w.page
}

let counter = 0
function newAccount(prefix: string) {
  counter++
  return {
    email: `${prefix}-${counter}@example.org`,
    password: PASSWORD,
    displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${counter}`,
  }
}

async function me(a: APIRequestContext) {
  return (await ok<{ user: { role: string; displayName: string } | null }>(a.get('/api/auth/me')))
    .user
}

// Page-side code as strings: the tests' tsconfig has no DOM types.
const focusedId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''")
/** Whether the element has the focus (marked, then compared, in the page). */
async function hasFocus(locator: Locator): Promise<boolean> {
  await locator.evaluate((el) => el.setAttribute('data-focus-check', ''))
  const focused = await locator
    .page()
    .evaluate<boolean>("document.activeElement?.hasAttribute('data-focus-check') === true")
  await locator.evaluate((el) => el.removeAttribute('data-focus-check'))
  return focused
}

describe('signing in and out', () => {
  it('leads from a private page to /accedi and back, signed in, then signs out', async () => {
    const page = await open()
    await page.goto(url('/account'))
    await page.getByRole('main').getByRole('link', { name: 'Accedi' }).click()
    await expect.poll(() => page.url()).toBe(url('/accedi?next=%2Faccount'))

    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password', { exact: true }).fill('not the password')
    await page.getByRole('button', { name: 'Accedi' }).click()
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('Email o password sbagliate.')
    // The message concerns the whole form: it takes the focus, so it is read out at once.
    expect(await hasFocus(alert)).toBe(true)

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Accedi' }).click()
    await page.waitForURL(url('/account'))
    const menu = page.getByRole('button', { name: `Account di ${ADMIN.displayName}` })
    await menu.waitFor()
    await page.getByRole('heading', { name: 'I tuoi dati', exact: true }).waitFor()

    await menu.click()
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('button', { name: 'Esci', exact: true }).click()
    await page.getByRole('banner').getByRole('link', { name: 'Accedi' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    const state = await page.request.get(url('/api/auth/me'))
    expect(((await state.json()) as { user: unknown }).user).toBeNull()
  })

  it('names the empty fields next to them and moves the focus to the first', async () => {
    const page = await open()
    await page.goto(url('/accedi'))
    await page.getByRole('button', { name: 'Accedi' }).click()
    const email = page.getByLabel('Email')
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true')
    expect(await focusedId(page)).toBe('email')
    expect(await page.locator('#email-error').textContent()).toContain('Compila questo campo.')
    expect(await page.locator('#password-error').textContent()).toContain('Compila questo campo.')
    expect(await email.getAttribute('aria-describedby')).toBe('email-error')
  })

  it('registers a resident through /registrati, with errors from the server by the field', async () => {
    const taken = newAccount('giulia')
    await ok((await api()).post('/api/auth/register', { data: taken }))
    const page = await open()
    await page.goto(url('/accedi'))
    await page.getByRole('link', { name: 'Registrati' }).click()
    await page.getByLabel('Il nome che vedono gli altri').fill('Giulia B.')
    await page.getByLabel('Email').fill(taken.email)
    await page.getByLabel('Password', { exact: true }).fill('short')
    await page.getByRole('button', { name: 'Crea l’account' }).click()
    // Too short, said before anything is sent.
    await expect.poll(() => focusedId(page)).toBe('password')
    expect(await page.locator('#password-error').textContent()).toContain('da 10 a 256 caratteri')

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Crea l’account' }).click()
    // The server says the email is taken: the message is by the email field, which gets focus.
    await expect.poll(() => focusedId(page)).toBe('email')
    expect(await page.locator('#email-error').textContent()).toContain('Esiste già un account')

    await page.getByLabel('Email').fill('giulia.b@example.org')
    await page.getByRole('button', { name: 'Crea l’account' }).click()
    await page.waitForURL(url('/account'))
    await page.getByRole('button', { name: 'Account di Giulia B.' }).waitFor()
    expect(
      await me(await api({ email: 'giulia.b@example.org', password: PASSWORD })),
    ).toMatchObject({ role: 'resident', displayName: 'Giulia B.' })
  })

  it('offers registration only when the server allows it', async () => {
    const page = await open()
    await page.route('**/api/config', async (route) => {
      const res = await route.fetch()
      const body = (await res.json()) as Record<string, unknown>
      await route.fulfill({
        response: res,
        json: { ...body, accounts: { selfRegistration: false } },
      })
    })
    await page.goto(url('/registrati'))
    await page.getByText('Qui gli account si creano solo su invito.').waitFor()
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0)
    await page.goto(url('/accedi'))
    await page.getByText('Gli account si creano su invito').waitFor()
    expect(await page.getByRole('link', { name: 'Registrati' }).count()).toBe(0)
  })
})

describe('an invitation link', () => {
  it('creates an account with the invited role at /invito/<token>, once', async () => {
    const created = await ok<{ path: string }>(
      admin!.post('/api/invitations', {
        data: { role: 'facilitator', email: 'marta@example.org' },
      }),
    )
    expect(created.path).toMatch(/^\/invito\/[\w-]{43}$/)
    const page = await open()
    await page.goto(url(created.path))
    await page.getByText('Sei invitata/o come Facilitatore/trice.').waitFor()
    const email = page.getByLabel('Email')
    // Bound to one address: the field holds it and cannot be changed.
    expect(await email.inputValue()).toBe('marta@example.org')
    expect(await email.getAttribute('readonly')).not.toBeNull()
    await page.getByLabel('Il nome che vedono gli altri').fill('Marta Rossi')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Accetta e crea l’account' }).click()
    await page.getByText('Benvenuta/o, Marta Rossi! Il tuo account è pronto.').waitFor()
    await page.getByRole('button', { name: 'Account di Marta Rossi' }).waitFor()
    expect(await me(await api({ email: 'marta@example.org', password: PASSWORD }))).toMatchObject({
      role: 'facilitator',
    })

    const again = await open()
    await again.goto(url(created.path))
    await again.getByText('Questo invito è già stato usato.').waitFor()
    expect(await again.getByLabel('Email').count()).toBe(0)
  })

  it('says a revoked link was revoked, and an unknown one does not exist', async () => {
    const { invitation, path } = await ok<{ invitation: { id: string }; path: string }>(
      admin!.post('/api/invitations', { data: { role: 'resident' } }),
    )
    await ok(admin!.delete(`/api/invitations/${invitation.id}`, { data: {} }))
    const page = await open()
    await page.goto(url(path))
    await page.getByText('Questo invito è stato revocato.').waitFor()
    await page.goto(url('/invito/' + 'A'.repeat(43)))
    await page.getByText('Questo invito non esiste.').waitFor()
  })
})

describe('my account', () => {
  it('downloads my data as a JSON file and erases the account after confirmation', async () => {
    const account = newAccount('bruno')
    const resident = await api()
    await ok(resident.post('/api/auth/register', { data: account }))
    await ok(
      resident.post('/api/places', {
        data: { category: 'biblioteca', name: 'Biblioteca di Bruno', geometry: turinPoint(1) },
      }),
    )
    const page = await open(resident)
    await page.goto(url('/account'))
    await page.getByText(account.email).waitFor()
    await page.getByText('Biblioteca di Bruno').waitFor()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Scarica i miei dati' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('intrecci-dati-personali.json')
    const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      account: { email: string; displayName: string }
      contributions: { place: { properties: { name: string } }[] }
    }
    expect(file.account).toMatchObject({ email: account.email, displayName: account.displayName })
    expect(file.contributions.place.map((p) => p.properties.name)).toEqual(['Biblioteca di Bruno'])

    await page.getByRole('button', { name: 'Cancella il mio account…' }).click()
    await page.getByRole('heading', { name: 'Vuoi davvero cancellare l’account?' }).waitFor()
    const erase = page.getByRole('button', { name: 'Cancella definitivamente' })
    await erase.click()
    await expect.poll(() => focusedId(page)).toBe('erase-password')
    expect(await page.locator('#erase-understood-error').textContent()).toContain('Spunta')

    await page.getByLabel('Password', { exact: true }).fill('not my password')
    await page.getByLabel('Ho capito che la cancellazione è definitiva').check()
    await erase.click()
    await expect
      .poll(() => page.locator('#erase-password-error').textContent())
      .toContain('La password non è giusta.')
    expect(await focusedId(page)).toBe('erase-password')

    await page.getByLabel('Password', { exact: true }).fill(account.password)
    await erase.click()
    await page.getByText('Il tuo account è stato cancellato.').waitFor()
    await page.getByRole('banner').getByRole('link', { name: 'Accedi' }).waitFor()
    const login = await (
      await api()
    ).post('/api/auth/login', {
      data: { email: account.email, password: account.password },
    })
    expect(login.status()).toBe(401)
    const { users } = await ok<{ users: { email: string }[] }>(admin!.get('/api/users'))
    expect(users.map((u) => u.email)).not.toContain(account.email)
  })
})

describe('the moderation queue', () => {
  it('lets a moderator approve a pending place and reject one with a reason', async () => {
    const moderator = await invitedAccount(url(), admin!, 'moderator', newAccount('mod'))
    const visitor = await api()
    const place = async (name: string, i: number) =>
      (
        await ok<{ id: string }>(
          visitor.post('/api/places', {
            data: { category: 'altro', name, geometry: turinPoint(i), pseudonym: 'Vicina' },
          }),
        )
      ).id
    const good = await place('Panchina del cortile', 2)
    const bad = await place('Pubblicità di un negozio', 3)

    const page = await open(moderator)
    await page.goto(url('/moderazione'))
    const card = (name: string) => page.getByRole('article').filter({ hasText: name })
    await card('Panchina del cortile').waitFor()
    expect(await card('Panchina del cortile').textContent()).toContain('di «Vicina»')
    await card('Panchina del cortile').getByRole('button', { name: 'Approva' }).click()
    await card('Panchina del cortile').getByText('Approvato: ora è pubblicato.').waitFor()
    const published = await ok<{ properties: { status: string } }>(
      visitor.get(`/api/places/${good}`),
    )
    expect(published.properties.status).toBe('published')

    await card('Pubblicità').getByRole('button', { name: 'Rifiuta…' }).click()
    const reason = card('Pubblicità').getByLabel('Motivo (resta nel registro)')
    await expect.poll(() => hasFocus(reason)).toBe(true)
    await card('Pubblicità').getByRole('button', { name: 'Rifiuta', exact: true }).click()
    await card('Pubblicità').getByText('Scrivi il motivo').waitFor()
    await reason.fill('Pubblicità, non un luogo di comunità')
    await card('Pubblicità').getByRole('button', { name: 'Rifiuta', exact: true }).click()
    await card('Pubblicità').getByText('Rifiutato: non è visibile.').waitFor()
    const { entries } = await ok<{ entries: { action: string; reason: string }[] }>(
      admin!.get(`/api/audit?targetId=${bad}`),
    )
    expect(entries[0]).toMatchObject({
      action: 'moderation.reject',
      reason: 'Pubblicità, non un luogo di comunità',
    })
  })

  it('is refused to residents, and hidden from their menu', async () => {
    const resident = await api()
    const account = newAccount('rita')
    await ok(resident.post('/api/auth/register', { data: account }))
    const page = await open(resident)
    await page.goto(url('/moderazione'))
    await page.getByText('Questa pagina è riservata a').waitFor()
    await page.getByRole('button', { name: `Account di ${account.displayName}` }).click()
    await page.getByRole('link', { name: 'Il mio account' }).waitFor()
    expect(await page.getByRole('link', { name: 'Moderazione' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Utenti e inviti' }).count()).toBe(0)
  })
})

describe('users and invitations', () => {
  it('lets an admin change a role', async () => {
    const account = newAccount('carla')
    const carla = await api()
    await ok(carla.post('/api/auth/register', { data: account }))
    const page = await open(admin)
    await page.goto(url('/amministrazione'))
    await page.getByLabel('Cerca per nome o email').fill(account.email)
    await page.getByText('1 su').waitFor()
    await page.getByLabel(`Ruolo di ${account.displayName}`).selectOption('moderator')
    await page.getByRole('button', { name: 'Cambia ruolo' }).click()
    await page.getByText(`Ora ${account.displayName} è Moderatore/trice.`).waitFor()
    // The change applies at once to the person's own session.
    expect(await me(carla)).toMatchObject({ role: 'moderator' })
  })

  // Three page loads and a clipboard round trip: more than the default 30 s on a loaded CI.
  it(
    'creates an invitation, copies its link, and the link works',
    { timeout: 60_000 },
    async () => {
      const page = await open(admin, { permissions: ['clipboard-read', 'clipboard-write'] })
      await page.goto(url('/amministrazione'))
      await page.getByLabel('Ruolo', { exact: true }).selectOption('antenna')
      await page.getByRole('button', { name: 'Crea l’invito' }).click()
      const link = page.getByLabel('Link dell’invito')
      await link.waitFor()
      const href = await link.inputValue()
      expect(href).toMatch(new RegExp(`^${url('/invito/')}[\\w-]{43}$`))
      await page.getByRole('button', { name: 'Copia il link' }).click()
      await page.getByText('Link copiato.').waitFor()
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(href)

      const invitee = await open()
      await invitee.goto(href)
      await invitee.getByText('Sei invitata/o come Antenna sociale.').waitFor()
    },
  )
})

describe('at 360 px', () => {
  it('fits every account page without sideways scrolling', async () => {
    const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
    const { path } = await ok<{ path: string }>(
      admin!.post('/api/invitations', { data: { role: 'resident' } }),
    )
    const pages = [
      [undefined, '/accedi'],
      [undefined, '/registrati'],
      [undefined, path],
      [admin, '/account'],
      [admin, '/moderazione'],
      [admin, '/amministrazione'],
    ] as const
    for (const [as, p] of pages) {
      const page = await open(as, phone)
      await page.goto(url(p))
      await page.getByRole('heading', { level: 1 }).waitFor()
      await page.waitForLoadState('networkidle')
      const width = await page.evaluate<number>('document.documentElement.scrollWidth')
      expect(width, p).toBeLessThanOrEqual(360)
    }
  })
})
