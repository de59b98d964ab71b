/**
 * npm run db:seed — demo data for a local try-out: the accounts of
 * scripts/demo-data.ts and a team. Idempotent: running it again changes nothing.
 * Never run against production (it refuses when NODE_ENV=production).
 */
import './lib/primary-only'
import { hashPassword } from '../app/modules/accounts/password.server'
import { formatCatalogueReport, syncAchievementCatalogue } from '../app/modules/achievements/catalogue-sync.server'
import { formatSyncReport, syncContent } from '../app/modules/content/content-sync.server'
import { disconnectDatabase, prisma } from '../app/utils/db.server'
import { getEnv } from '../app/utils/env.server'
import { runScript } from './lib/cli'
import { DEMO_ACCOUNTS, DEMO_TEAM } from './demo-data'
import { practiseForDemo } from './lib/demo-practice'

runScript(async () => {
  if (getEnv().NODE_ENV === 'production') {
    console.error('Refusing to load demo data with NODE_ENV=production: the demo accounts have published passwords.')
    return 1
  }
  try {
    const users = new Map<string, string>()
    for (const account of DEMO_ACCOUNTS) {
      const existing = await prisma.user.findUnique({ where: { email: account.email }, select: { id: true } })
      if (existing) {
        users.set(account.email, existing.id)
        continue
      }
      const user = await prisma.user.create({
        data: {
          email: account.email,
          username: account.username,
          name: account.name,
          role: account.role,
          emailVerifiedAt: new Date(),
          password: { create: { hash: await hashPassword(account.password) } },
        },
        select: { id: true },
      })
      users.set(account.email, user.id)
    }

    const owner = DEMO_ACCOUNTS.find((a) => a.teamRole === 'owner')!
    const team =
      (await prisma.team.findUnique({ where: { slug: DEMO_TEAM.slug }, select: { id: true } })) ??
      (await prisma.team.create({
        data: { ...DEMO_TEAM, ownerId: users.get(owner.email)!, settings: { create: { subjects: [] } } },
        select: { id: true },
      }))
    for (const account of DEMO_ACCOUNTS) {
      if (!account.teamRole) continue
      const userId = users.get(account.email)!
      await prisma.teamMember.upsert({
        where: { teamId_userId: { teamId: team.id, userId } },
        create: { teamId: team.id, userId, role: account.teamRole },
        update: {},
      })
      await prisma.user.update({ where: { id: userId }, data: { activeTeamId: team.id } })
    }
    // The curriculum first (the server also syncs it at start), then some practice history.
    const content = await syncContent()
    if (!content.ok) console.warn(formatSyncReport(content))
    const achievements = await syncAchievementCatalogue()
    if (!achievements.ok) console.warn(formatCatalogueReport(achievements))
    const learner = users.get(DEMO_ACCOUNTS[0].email)!
    const answered = await practiseForDemo(learner)
    console.log(
      `Demo data ready: ${DEMO_ACCOUNTS.length} accounts, team "${DEMO_TEAM.name}", ${answered} practice answers for ${DEMO_ACCOUNTS[0].email}.`,
    )
  } finally {
    await disconnectDatabase()
  }
})
