// The one shape of the ids the database makes (uuid columns). An id of any other shape cannot
// exist: routes and moderation answer "not found" for it without asking the database, which
// would refuse the cast with an error. (Request schemas check ids with zod's z.uuid().)
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

const UUID = new RegExp(`^${UUID_PATTERN}$`, 'i')

export const isUuid = (v: string): boolean => UUID.test(v)
