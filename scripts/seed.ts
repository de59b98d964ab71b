/**
 * npm run db:seed — demo data for a local try-out: the accounts of
 * scripts/demo-data.ts and a team. Idempotent: running it again changes nothing.
 * Never run against production (it refuses when NODE_ENV=production).
 */
import './lib/primary-only'
import { hashPassword } from '../app/modules/accounts/password.server'
import { formatCatalogueReport, syncAchievementCatalogue } from '../app/modules/achievements/catalogue-sync.server'
import { formatSyncReport, syncContent } from '../app/modules/content/content-sync.server'
import { ingestDocument, uploadSource } from '../app/modules/knowledge/ingestion.server'
import { runIngestionQueue } from '../app/modules/knowledge/jobs.server'
import { addNuggetTask, publishNugget, teamNuggets } from '../app/modules/knowledge/nuggets.server'
import { createSession, sessionTokenFrom, sessionUserForToken } from '../app/modules/accounts/session.server'
import { readFileSync } from 'node:fs'
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
    await uploadDemoDocument(users.get(owner.email)!, team.id)
    console.log(
      `Demo data ready: ${DEMO_ACCOUNTS.length} accounts, team "${DEMO_TEAM.name}" with a document for the tutor and a lesson from it, ${answered} practice answers for ${DEMO_ACCOUNTS[0].email}.`,
    )
  } finally {
    await disconnectDatabase()
  }
})

const DEMO_DOCUMENT = 'fractions-guide.md'

/** The team's guide for the tutor to answer from, uploaded by its owner as the documents page would, once. */
async function uploadDemoDocument(ownerId: string, teamId: string) {
  const uploaded = await prisma.document.findFirst({
    where: { teamId, source: uploadSource(DEMO_DOCUMENT) },
    select: { id: true },
  })
  if (uploaded) return
  const { setCookie } = await createSession(ownerId, { ip: '127.0.0.1', userAgent: 'db:seed' })
  const token = await sessionTokenFrom(setCookie.split(';')[0]!)
  const owner = token ? await sessionUserForToken(token) : null
  if (!owner) throw new Error('The demo team owner has no session')
  const bytes = new Uint8Array(readFileSync(new URL(`./demo/${DEMO_DOCUMENT}`, import.meta.url)))
  await ingestDocument(owner, teamId, { name: DEMO_DOCUMENT, bytes })
  await runIngestionQueue()
  await publishDemoLesson(teamId)
}

/** One of the guide's proposed lessons, published with a practice task, so /lessons has something to show. */
async function publishDemoLesson(teamId: string) {
  const proposal = (await teamNuggets(teamId)).find((nugget) => nugget.title === 'What a fraction is')
  if (!proposal) throw new Error('The demo guide proposed no lesson "What a fraction is"')
  const now = new Date()
  await addNuggetTask(
    teamId,
    proposal.id,
    {
      kind: 'multiple_choice',
      prompt: 'In 3/4, what does the 4 (the denominator) say?',
      choices: ['How many parts are taken', 'Into how many equal parts the whole is cut', 'How big the whole is'],
      answer: 1,
      explanation: 'The denominator, below the line, says into how many equal parts the whole is cut.',
    },
    now,
  )
  await publishNugget(teamId, proposal.id, now)
}
