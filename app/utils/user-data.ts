import type { InStatement } from '@libsql/client'

/**
 * What every module's `userDataStatements` is given when an account is deleted
 * (docs/decisions/0009-module-ownership.md).
 */
export interface DeletedAccount {
  /** The address before anonymisation: rows that name it (pending links, mail, audit metadata) go too. */
  email: string
  /** The one instant the whole deletion batch stamps. */
  now: Date
}

/**
 * One module's statements that delete or anonymise its rows of a user. They run inside the
 * single deletion batch, so they must not read first: each is one SQL statement over the
 * module's own tables.
 */
export type UserDataStatements = (userId: string, account: DeletedAccount) => InStatement[]

/** A module and its `userDataStatements`, as the deletion batch lists them (app/modules/user-data.server.ts). */
export interface UserDataOwner {
  module: string
  userDataStatements: UserDataStatements
}
