// Who is signed in, for every page and the header. The server is the authority on what a role
// may do: the roles here only hide what a person could not use anyway.
import { ApiError, getMe, logout } from '../api/client.ts'
import type { Role, SessionUser } from '../api/account-types.ts'

export type { Role, SessionUser }

const MODERATORS: readonly Role[] = ['moderator', 'admin']
const INVITERS: readonly Role[] = ['facilitator', 'admin']

class Session {
  /** null: nobody signed in (or not known yet: see `ready`). */
  user = $state<SessionUser | null>(null)
  /** True once the first answer of /api/auth/me arrived (or failed). */
  ready = $state(false)
  error = $state.raw<ApiError | null>(null)

  #loading: Promise<void> | null = null

  isModerator = $derived(this.user !== null && MODERATORS.includes(this.user.role))
  isAdmin = $derived(this.user?.role === 'admin')
  /** Facilitators invite residents, admins anyone. */
  canInvite = $derived(this.user !== null && INVITERS.includes(this.user.role))

  /** Asks the server who we are; concurrent calls share the request. `force` asks again. */
  load({ force = false } = {}): Promise<void> {
    if (this.#loading && !force) return this.#loading
    this.#loading = getMe()
      .then(({ user }) => {
        this.user = user
        this.error = null
      })
      .catch((err: unknown) => {
        // Not knowing is not being signed out: keep what we had, say what went wrong.
        this.error = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err))
      })
      .finally(() => {
        this.ready = true
      })
    return this.#loading
  }

  /** After signing in, registering or accepting an invitation: the server's answer. */
  signedIn(user: SessionUser): void {
    this.user = user
    this.ready = true
    this.error = null
    this.#loading = Promise.resolve()
  }

  /** Ends this browser's session; the cookie is cleared by the server. */
  async logout(): Promise<void> {
    await logout()
    this.forget()
  }

  /** The session ended some other way (erasure, "log out everywhere", a 401). */
  forget(): void {
    this.user = null
    this.ready = true
    this.#loading = Promise.resolve()
  }
}

export const session = new Session()
