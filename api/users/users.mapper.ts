// User rows → JSON (camelCase). The password hash never leaves the repository's callers.
import type { UserRecord } from './users.repository.ts'

export function toUserJson(u: UserRecord) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    createdAt: u.created_at,
    lastLoginAt: u.last_login_at,
  }
}
