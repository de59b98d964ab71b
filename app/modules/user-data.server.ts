import type { UserDataOwner } from '~/utils/user-data'
import { userDataStatements as accounts } from './accounts/user-data.server'
import { userDataStatements as achievements } from './achievements/user-data.server'
import { userDataStatements as billing } from './billing/user-data.server'
import { userDataStatements as certificates } from './certificates/user-data.server'
import { userDataStatements as challenges } from './challenges/user-data.server'
import { userDataStatements as content } from './content/user-data.server'
import { userDataStatements as knowledge } from './knowledge/user-data.server'
import { userDataStatements as learning } from './learning/user-data.server'
import { userDataStatements as notifications } from './notifications/user-data.server'
import { userDataStatements as quests } from './quests/user-data.server'
import { userDataStatements as system } from './system/user-data.server'
import { userDataStatements as teams } from './teams/user-data.server'
import { userDataStatements as tutor } from './tutor/user-data.server'

/**
 * Every module's part of "Delete my account", in the order the one deletion batch runs
 * them (docs/decisions/0009-module-ownership.md). The only file that knows every module:
 * it lives outside them, and no module imports it — the settings route hands it to
 * accounts' `deleteAccount`, so accounts does not depend on the modules that depend on it.
 *
 * The order keeps foreign keys valid and each statement meaningful:
 * - teams first, right after accounts' guard that fails the batch while a team the user
 *   owns has other members: its statements find those teams through the same memberships;
 * - a module whose rows point at rows another module deletes comes before it: billing's
 *   AI calls point at tutor sessions, tutor's suggestions at quests;
 * - accounts last: every module's rows point at the User row, which stays, anonymised.
 * A new module adds its `userDataStatements` here (the test beside this file fails until it does).
 */
export const everyModulesUserData: readonly UserDataOwner[] = [
  { module: 'teams', userDataStatements: teams },
  { module: 'billing', userDataStatements: billing },
  { module: 'tutor', userDataStatements: tutor },
  { module: 'quests', userDataStatements: quests },
  { module: 'learning', userDataStatements: learning },
  { module: 'achievements', userDataStatements: achievements },
  { module: 'challenges', userDataStatements: challenges },
  { module: 'certificates', userDataStatements: certificates },
  { module: 'knowledge', userDataStatements: knowledge },
  { module: 'content', userDataStatements: content },
  { module: 'notifications', userDataStatements: notifications },
  { module: 'system', userDataStatements: system },
  { module: 'accounts', userDataStatements: accounts },
]
