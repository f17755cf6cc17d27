// Erasure ("right to be forgotten"), in one transaction:
// - the account row goes, and with it (foreign keys) every session; invitations and reports
//   keep no link to it (ON DELETE SET NULL);
// - invitations that named the person's email forget it; sign-in attempts keyed by it go;
// - contributions stay, without their author ("utente cancellato"): each content kind's
//   forgetAuthor() sets the author to NULL and drops any copied name;
// - the audit log keeps its rows (it is append-only and holds ids, never emails or names) and
//   gains one: user.erase.
// Afterwards neither the email nor the display name is in any table.
import type { Kysely } from 'kysely'
import { audit, type Actor } from '../audit/audit.ts'
import { deleteAttempts } from '../auth/login-attempts.repository.ts'
import type { Database } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { forgetInvitee } from '../invitations/invitations.repository.ts'
import type { ContentKinds } from '../moderation/content-kinds.ts'
import { countUsers, deleteUser, type UserRecord } from './users.repository.ts'

export const lastAdminError = () =>
  new ApiError(409, 'last_admin', 'This is the only admin: make someone else admin first')

export async function eraseUser(
  db: Kysely<Database>,
  kinds: ContentKinds,
  user: Pick<UserRecord, 'id' | 'email' | 'role'>,
  actor: Actor,
): Promise<{ contributions: number }> {
  return db.transaction().execute(async (tx) => {
    if (user.role === 'admin' && (await countUsers(tx, 'admin')) <= 1) throw lastAdminError()
    let contributions = 0
    for (const kind of kinds.all()) contributions += await kind.forgetAuthor(tx, user.id)
    await forgetInvitee(tx, user.id, user.email)
    await deleteAttempts(tx, user.email)
    await deleteUser(tx, user.id)
    await audit(tx, {
      actor,
      action: 'user.erase',
      target: { kind: 'user', id: user.id },
      before: { role: user.role },
      after: { contributionsKeptWithoutAuthor: contributions },
    })
    return { contributions }
  })
}
