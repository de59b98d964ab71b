import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ulid } from 'ulid'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Role, TeamRole } from '~/generated/prisma/client'
import { getSessionUser } from '~/utils/auth.server'
import { createVerification } from '~/modules/accounts/verification.server'
import { createSandboxCheckout } from '~/modules/billing/sandbox.server'
import { readImage, saveImage } from '~/modules/content/images.server'
import { replaceDocumentChunks } from '~/modules/knowledge/chunk-store.server'
import { answerTask } from '~/modules/learning/practice.server'
import { SECRET, createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { sendEmail } from '~/modules/notifications/mailer.server'
import { notify } from '~/modules/notifications/notify.server'
import { recordAudit } from '~/modules/system/audit.server'
import { CertificateAdminAction } from '~/modules/certificates/certificate-input'
import { createCertificate, teamCertificatesWorld } from '~/modules/certificates/testing/fixtures'
import { TeamAdminAction, TeamSettingsAction, TeamsPageAction } from '~/modules/teams/team-input'
import { createTeam } from '~/modules/teams/teams.server'
import { LabelAction, QuestActions } from '~/modules/quests/quest-input'
import { createCategory, createTag } from '~/modules/quests/labels.server'
import { addDependency } from '~/modules/quests/quests.server'
import { newQuest, startedQuest } from '~/modules/quests/testing/fixtures'
import { draftPath, publishedNugget, publishedPath } from '~/modules/knowledge/testing/paths'
import { nuggetWithTask } from '~/modules/knowledge/testing/nuggets'
import {
  type Person,
  addMember,
  get,
  inviteTokenFor,
  person,
  post,
  teamState,
  teamWithEveryRole,
} from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { TEST_PASSWORD, cookieFor, createUser, request } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { pngFile, removeTestUploads } from '#tests/support/images'
import * as trophiesPage from './achievements'
import * as tutorPage from './tutor._index'
import * as tutorSessionPage from './tutor.$sessionId'
import * as tutorAskApi from './api.tutor.ask'
import * as auditLogPage from './admin.audit'
import * as retentionPage from './admin.retention'
import * as adminAiPage from './admin.ai'
import * as teamAiPage from './teams.$teamId.ai'
import * as voiceSettings from './settings.voice'
import * as notificationSettings from './settings.notifications'
import * as notificationCentre from './notifications._index'
import * as achievementsApi from './api.achievements'
import * as billingPage from './billing._index'
import * as checkoutRoute from './billing.checkout'
import * as portalPage from './billing.portal'
import * as checkoutSuccessPage from './billing.success'
import * as aiUsageApi from './api.ai.usage'
import * as reviewsDueApi from './api.reviews.due'
import * as taskHistoryApi from './api.tasks.$taskId.history'
import * as submitApi from './api.tasks.submit'
import * as topicStatsApi from './api.topics.$topicSlug.stats'
import * as userXpApi from './api.xp.user'
import * as searchApi from './api.search'
import * as searchPage from './search'
import * as documentPage from './documents.$documentId'
import * as invitePage from './invites.$token'
import * as topicPage from './learn.$subjectSlug.$topicSlug'
import * as subjectPage from './learn.$subjectSlug._index'
import * as learnDashboard from './learn._index'
import * as practicePage from './practice.$topicSlug'
import * as progressPage from './progress'
import * as masteryHistoryPage from './progress_.mastery'
import * as questsApi from './api.quests'
import * as questApi from './api.quests.$questId'
import * as questsPage from './quests._index'
import * as questPage from './quests.$questId'
import * as questLabelsPage from './quests.categories'
import * as teamQuestsPage from './teams.$teamId.quests'
import * as teamPathsPage from './teams.$teamId.paths._index'
import * as teamPathPage from './teams.$teamId.paths.$pathId'
import * as walkPathPage from './paths.$pathId'
import * as teamNuggetsPage from './teams.$teamId.nuggets._index'
import * as teamNuggetPage from './teams.$teamId.nuggets.$nuggetId'
import * as lessonsPage from './lessons._index'
import * as lessonPage from './lessons.$nuggetId'
import * as reviewsPage from './reviews'
import * as settingsLayout from './settings'
import * as dataSettings from './settings.data'
import * as passwordSettings from './settings.password'
import * as profileSettings from './settings.profile'
import * as sessionSettings from './settings.sessions'
import * as connectionSettings from './settings.connections'
import * as exportRoute from './settings_.export[.json]'
import * as teamMembersPage from './teams.$teamId._index'
import * as teamSettingsPage from './teams.$teamId.settings'
import * as teamDocumentsPage from './teams.$teamId.documents'
import { DocumentsPageAction } from '~/modules/knowledge/document-input'
import * as myCertificatesPage from './certificates._index'
import * as leaguePage from './league'
import * as leagueApi from './api.league'
import * as certificatePdf from './certificates.$id[.pdf]'
import * as certificatePage from './certificates.$id'
import * as teamCertificatesApi from './api.teams.$teamId.certificates'
import * as teamCertificatesPage from './teams.$teamId.certificates'
import * as teamsPage from './teams._index'
import * as challengesPage from './challenges._index'
import * as challengePage from './challenges.$challengeId'
import * as challengesApi from './api.challenges'
import * as challengeApi from './api.challenges.$challengeId'
import * as pushSubscriptionsApi from './api.push-subscriptions'

vi.hoisted(() => {
  process.env.DATA_DIR = `.cache/test-uploads/${process.pid}-${Math.random().toString(36).slice(2)}`
  // Watched folders (the documents page) are on, under the system's temporary folder.
  process.env.WATCHED_FOLDER_ROOTS = process.env.TMPDIR || '/tmp'
})
afterAll(removeTestUploads)

/**
 * The access-control suite: every route module in app/routes is classified
 * below, and a few generic checks loop over the table. A route file that is
 * not in the table fails the first test, so no new route skips this review.
 *
 *   public  reads and changes no user's or team's data (reason given)
 *   user    the signed-in user's own data: signed out → /login, and user X
 *           can only ever read or change X's rows. `api: true` marks a JSON
 *           API route: signed out → 401 JSON { error } instead of the redirect.
 *   team    one team's data: signed out → /login, outsiders → 403, unknown
 *           team → 404, each role gets exactly the access listed
 *   platform  for platform staff: signed out → /login, other platform roles → 403
 *
 * "Nothing changed" compares every row of every table before and after.
 */

// ─── Worlds the checks run in ───────────────────────────────────────────────

/** Team T (every role, an image, a pending invite) and team U with its own invite; a learner in no team; platform staff. */
async function teamWorld() {
  const ours = await teamWithEveryRole('Ours')
  const theirs = await teamWithEveryRole('Theirs')
  await saveImage({ file: pngFile(), owner: { teamId: ours.team.id } })
  return {
    ...ours,
    theirs,
    noTeam: await person(),
    staff: await person({ role: 'admin' }),
    inviteId: await pendingInvite(ours.team.id, 'pending@example.com', ours.admin.id),
    theirInviteId: await pendingInvite(theirs.team.id, 'theirs-pending@example.com', theirs.admin.id),
    // a definition T's member meets and a certificate of T's admin; the same in U
    certificates: await teamCertificatesWorld(ours.team, ours.member, ours.admin),
    theirCertificates: await teamCertificatesWorld(theirs.team, theirs.member, theirs.admin),
    // a document and a monitored page of T; the same in U
    documents: await teamDocumentsWorld(ours.team.id),
    theirDocuments: await teamDocumentsWorld(theirs.team.id),
    // a draft narrative path in T and one in U
    path: await draftPath(ours.team.id),
    theirPath: await draftPath(theirs.team.id),
    // a proposal (unpublished nugget) with a practice task in T; the same in U
    nugget: await nuggetWithTask(ours.team.id),
    theirNugget: await nuggetWithTask(theirs.team.id),
  }
}
type TeamWorld = Awaited<ReturnType<typeof teamWorld>>

/**
 * User X and user Y with data everywhere: Y owns "Shared" (X is a member) and
 * "Theirs" (X is not); both have two sessions and an avatar; Y has a pending
 * verification, an e-mail and an audit entry; a third team invited X, and
 * "Theirs" invited someone else. Y has answered a task of a practice topic.
 */
async function userWorld() {
  const x = await person()
  const xOtherSessionId = await sessionIdOf(await cookieFor(x.id))
  const y = await person()
  const ySessionId = await sessionIdOf(y.cookie)
  await cookieFor(y.id)
  const shared = await createTeam(y.id, { name: 'Shared', description: null })
  await addMember(shared.id, 'member', x)
  const theirs = await createTeam(y.id, { name: 'Their own', description: null })
  const inviter = await person()
  const elsewhere = await createTeam(inviter.id, { name: 'Elsewhere', description: null })
  for (const owner of [{ userId: x.id }, { userId: y.id }, { teamId: theirs.id }])
    await saveImage({ file: pngFile(), owner })
  await createVerification('email_verify', y.email, y.id)
  await sendEmail({
    to: y.email,
    subject: 'For Y only',
    text: 'Hello Y',
    html: '<p>Hello Y</p>',
    template: 'test',
    userId: y.id,
  })
  await recordAudit({ action: 'auth.login', actorId: y.id, targetType: 'User', targetId: y.id })
  const notificationOf = async (userId: string) => {
    const event = { userId, type: 'system' as const, eventKey: 'access-control', title: 'Y-ONLY news', link: '/learn' }
    await notify([event], new Date())
    return (await prisma.notification.findFirstOrThrow({ where: { userId }, select: { id: true } })).id
  }
  await prisma.account.create({
    data: { userId: x.id, provider: 'github', providerAccountId: `gh-${x.id}`, email: x.email },
  })
  await prisma.account.create({
    data: { userId: y.id, provider: 'google', providerAccountId: `g-${y.id}`, email: 'y-only-google@example.com' },
  })
  const topic = await createPracticeTopic()
  // a published path of "Shared" (X walks it) and one of "Their own" (X must not find it)
  const [xPath, yPath] = [await publishedPath(shared.id, topic.topicId), await publishedPath(theirs.id, topic.topicId)]
  const yAnswer = await answerTask(y.id, {
    taskId: topic.tasks.single,
    attemptId: ulid(),
    answer: SECRET.single.right,
    hintUsed: false,
  })
  return {
    topic,
    xPath,
    yPath,
    // a published lesson of "Shared" (X reads it)
    xLesson: await publishedNugget(shared.id, 'Shared lesson'),
    xCertificateId: (await createCertificate(shared.id, x.id)).id,
    // a challenge of "Shared" (X may join) and one of Y's "Their own" (X must not see it)
    xChallengeId: (await prisma.challenge.create({ data: challengeRow(shared.id), select: { id: true } })).id,
    yChallengeId: (await prisma.challenge.create({ data: challengeRow(theirs.id), select: { id: true } })).id,
    ...(await questWorld(x.id, y.id)),
    xTutorSessionId: await tutorSessionOf(x.id, 'X asked about fractions'),
    yTutorSessionId: await tutorSessionOf(y.id, 'Y-ONLY tutor question'),
    // a cited answer each, quoting a document of "Shared" (both may read it): X turns only X's into a card
    ...(await citedAnswers(shared.id, x.id, y.id)),
    yAttemptId: yAnswer.result.attemptId,
    xNotificationId: await notificationOf(x.id),
    yNotificationId: await notificationOf(y.id),
    // a push device each (the remove form of the notification settings)
    xPushId: await pushDevice(x.id),
    yPushId: await pushDevice(y.id),
    x,
    xOtherSessionId,
    y,
    ySessionId,
    shared,
    theirs,
    inviteForX: await pendingInvite(elsewhere.id, x.email, inviter.id),
    inviteForSomeoneElse: await pendingInvite(theirs.id, 'someone-else@example.com', y.id),
  }
}
type UserWorld = Awaited<ReturnType<typeof userWorld>>

async function pushDevice(userId: string): Promise<string> {
  const row = await prisma.pushSubscription.create({
    data: { userId, endpoint: `https://push.example.com/${userId}`, p256dh: `p256dh-${userId}`, auth: 'auth' },
    select: { id: true },
  })
  return row.id
}

/**
 * X's quest in progress (two steps, a dependency on a third quest, a fourth to depend on),
 * X's category and tag; Y's quest in progress with a step and a dependency, Y's category and tag.
 */
async function questWorld(xId: string, yId: string) {
  const quests = async (userId: string) => {
    const main = await startedQuest(userId, { title: 'Main quest', steps: 'First step\nSecond step' })
    const needed = await newQuest(userId, { title: 'Needed quest' })
    await addDependency(userId, main.id, needed.id, 'sequential', new Date())
    const other = await newQuest(userId, { title: 'Other quest' })
    const steps = await prisma.questStep.findMany({ where: { questId: main.id }, orderBy: { orderIndex: 'asc' } })
    const dependency = await prisma.questDependency.findFirstOrThrow({ where: { dependentQuestId: main.id } })
    return {
      questId: main.id,
      stepIds: steps.map((st) => st.id),
      otherQuestId: other.id,
      dependencyId: dependency.id,
      categoryId: (await createCategory(userId, { name: 'Cat', color: '#112233', description: null }, new Date())).id,
      tagId: (await createTag(userId, { name: 'tag', color: '#445566' }, new Date())).id,
    }
  }
  return { xQuests: await quests(xId), yQuests: await quests(yId) }
}

/** A ready document, a monitored page and a watched folder of the team (the documents page). */
async function teamDocumentsWorld(teamId: string) {
  const document = await prisma.document.create({
    data: { teamId, title: 'Team notes', source: 'upload:notes.txt', content: 'Team notes', status: 'ready' },
    select: { id: true },
  })
  const url = await prisma.monitoredUrl.create({
    data: { teamId, url: `https://example.com/${teamId}` },
    select: { id: true },
  })
  const folder = await prisma.watchedFolder.create({
    data: { teamId, path: mkdtempSync(join(tmpdir(), 'questlog-watched-')), fileTypes: ['md'] },
    select: { id: true },
  })
  return { documentId: document.id, monitoredUrlId: url.id, watchedFolderId: folder.id }
}

/** A conversation with the tutor holding one question. */
async function tutorSessionOf(userId: string, question: string): Promise<string> {
  const session = await prisma.tutorSession.create({
    data: { userId, title: question, messages: { create: { role: 'user', content: question } } },
    select: { id: true },
  })
  return session.id
}

/** A document of the team with one passage, and an answer citing it in a conversation of X and one of Y. */
async function citedAnswers(teamId: string, xId: string, yId: string) {
  const doc = await prisma.document.create({
    data: { teamId, title: 'Shared notes', content: 'Fractions have numerators.', status: 'ready' },
    select: { id: true },
  })
  await replaceDocumentChunks(doc.id, null, [
    {
      index: 0,
      content: 'Fractions have numerators.',
      location: { charStart: 0, charEnd: 26 },
      tokenCount: 3,
      embedding: null,
    },
  ])
  const chunk = await prisma.documentChunk.findFirstOrThrow({ where: { documentId: doc.id }, select: { id: true } })
  const citation = {
    n: 1,
    chunkId: chunk.id,
    documentId: doc.id,
    title: 'Shared notes',
    where: null,
    href: null,
    score: 1,
  }
  const answerOf = async (userId: string) => {
    const session = await prisma.tutorSession.create({
      data: {
        userId,
        title: 'What do fractions have?',
        messages: {
          create: [
            { role: 'user', content: 'What do fractions have?' },
            { role: 'assistant', content: '> Fractions have numerators. [1]', citations: [citation] },
          ],
        },
      },
      select: { id: true, messages: { where: { role: 'assistant' }, select: { id: true } } },
    })
    return { sessionId: session.id, messageId: session.messages[0]!.id, chunkId: chunk.id, documentId: doc.id }
  }
  return { xCitedAnswer: await answerOf(xId), yCitedAnswer: await answerOf(yId) }
}

/** A running team challenge (challenges.server.test.ts and challenges.$challengeId.test.ts test the rest). */
const challengeRow = (teamId: string) => ({
  title: 'Team week',
  description: '',
  teamId,
  startDate: new Date(Date.now() - 3_600_000),
  endDate: new Date(Date.now() + 7 * 86_400_000),
})

const reviewCardForm = (answer: { messageId: string; chunkId: string }) => ({
  intent: `review-card:${answer.messageId}:${answer.chunkId}`,
  messageId: answer.messageId,
  chunkId: answer.chunkId,
  question: 'What do fractions have?',
  answer: 'numerators',
})

const NEW_QUEST = { title: 'A new quest', difficulty: 'easy', priority: 'low', estimatedDuration: '10' }

async function pendingInvite(teamId: string, email: string, invitedById: string): Promise<string> {
  const invite = await prisma.teamInvite.create({
    data: {
      teamId,
      email,
      invitedById,
      tokenHash: `test-${teamId}-${email}`,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  })
  return invite.id
}

/** An offline (sandbox) checkout of premium for this user: the success page's `checkout_id`. */
function sandboxCheckoutOf(user: { id: string; email: string }): string {
  return createSandboxCheckout({
    userId: user.id,
    email: user.email,
    plan: 'premium',
    productId: 'local-premium',
    teamId: null,
    seats: null,
    amountCents: 900,
    currency: 'USD',
  }).token
}

async function sessionIdOf(cookie: string): Promise<string> {
  return (await getSessionUser(request('/', { cookie })))!.sessionId
}

// ─── The table ──────────────────────────────────────────────────────────────

type RouteModule = { loader?: (a: never) => Promise<unknown>; action?: (a: never) => Promise<unknown> }
type Form<World> = (w: World) => Record<string, string | File>

/** A team role, or platform staff (platform role admin) who is not in the team. */
type Who = TeamRole | 'staff'
const EVERYONE_IN_T: Who[] = ['owner', 'admin', 'instructor', 'member', 'staff']

interface TeamIntent {
  intent: string
  /** who may do it; everyone else in T (and every outsider) gets 403 */
  may: Who[]
  form: Form<TeamWorld>
  /** the same request by T's owner on T's page, naming U's invite or member: must not reach U (404) */
  foreign?: Form<TeamWorld>
}

interface UserIntent {
  /** the form's `intent`; in parentheses for a form that has none */
  intent: string
  form: Form<UserWorld>
  status: number
  /** X aiming the same form at Y's rows */
  hostile?: { form: Form<UserWorld>; status: number }
}

type Entry =
  | { access: 'public'; reason: string }
  | {
      access: 'user'
      /** may hold `:name` placeholders, filled from `params` */
      path: string
      params?: (w: UserWorld) => Record<string, string>
      route: RouteModule
      intents: UserIntent[]
      loaderRedirectsTo?: string
      /** a JSON API: signed out → 401 JSON instead of the login redirect */
      api?: true
      /** what the signed-in GET answers when not 200 (an API that takes only POST) */
      readStatus?: number
    }
  | {
      access: 'team'
      path: string
      /** params besides teamId, for `:name` placeholders of T's rows */
      params?: (w: TeamWorld) => Record<string, string>
      route: RouteModule
      read: Who[]
      intents: TeamIntent[]
      api?: true
    }
  | { access: 'platform'; path: string; route: RouteModule; read: Role[] }

const ROUTES: Record<string, Entry> = {
  '$.tsx': { access: 'public', reason: 'the 404 page; reads nothing' },
  '_index.tsx': { access: 'public', reason: 'home page; shows only the signed-in user’s own name through root' },
  'notifications.unsubscribe.tsx': {
    access: 'public',
    reason:
      'no session: a signed token names the learner and types; it can only turn their e-mail off (notifications.unsubscribe.test.ts)',
  },
  'notifications._index.tsx': {
    access: 'user',
    path: '/notifications',
    route: notificationCentre,
    intents: [
      {
        intent: 'read',
        form: (w) => ({ intent: 'read', id: w.xNotificationId }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'read', id: w.yNotificationId }), status: 404 },
      },
      {
        intent: 'open',
        form: (w) => ({ intent: 'open', id: w.xNotificationId }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'open', id: w.yNotificationId }), status: 404 },
      },
      { intent: 'read-all', form: () => ({ intent: 'read-all' }), status: 302 },
    ],
  },
  'settings.notifications.tsx': {
    access: 'user',
    path: '/settings/notifications',
    route: notificationSettings,
    // the learner's own rows only: there is no id to aim at another learner
    intents: [{ intent: 'save', form: () => ({ intent: 'save', digestHour: '8' }), status: 302 }],
  },
  'dev.mailbox.tsx': { access: 'public', reason: 'development only: 404 unless DEV_MAILBOX is on (requireDevMailbox)' },
  'dev.mailbox.$emailId.tsx': {
    access: 'public',
    reason: 'development only: 404 unless DEV_MAILBOX is on (requireDevMailbox)',
  },
  'feedback.tsx': {
    access: 'public',
    reason: 'anonymous feedback form; writes a new row, reads none (honeypot, rate limit)',
  },
  'feedback_.$id.tsx': { access: 'public', reason: 'receipt by an unguessable ULID; shows only kind and date' },
  'certificates.verify.$code.tsx': {
    access: 'public',
    reason:
      'a certificate by its unguessable 128-bit code (the only public view): holder’s chosen name, team, date, evidence, revocation — nothing else (certificates.verify.$code.test.ts)',
  },
  'forgot-password.tsx': { access: 'public', reason: 'same answer for every address; the link goes to the mailbox' },
  'healthcheck.tsx': { access: 'public', reason: 'database status only' },
  'images.$imageId.tsx': {
    access: 'public',
    reason: 'image bytes by an unguessable ULID (like a CDN link); none for a deleted user',
  },
  'invites.$token.tsx': {
    access: 'public',
    reason: 'by an unguessable token; sign-in required and only the invited address may settle it (see "invitations")',
  },
  'login.tsx': { access: 'public', reason: 'sign-in form' },
  'auth.$provider.tsx': {
    access: 'public',
    reason: 'starts a GitHub/Google sign-in: writes only the state cookie of this browser, reads no data',
  },
  'auth.$provider.callback.tsx': {
    access: 'public',
    reason:
      'finishes a sign-in only for the browser holding the matching state and PKCE verifier; links only to the signed-in user or a verified e-mail (auth.$provider.callback.test.ts)',
  },
  'logout.tsx': { access: 'public', reason: 'ends only the session of the cookie it was sent with' },
  'reset-password.tsx': { access: 'public', reason: 'by a single-use token from the mailbox' },
  'signup.tsx': { access: 'public', reason: 'sign-up form' },
  'webhooks.polar.tsx': {
    access: 'public',
    reason:
      'Polar’s webhooks: no session; only a valid Standard Webhooks signature with our secret changes anything (webhooks.server.test.ts)',
  },
  'verify-email.tsx': {
    access: 'public',
    reason: 'confirm by a single-use token; "resend" requires sign-in and mails only the user’s own address',
  },

  'billing.sandbox.$checkoutId.tsx': {
    access: 'public',
    reason:
      'offline sandbox only; sign-in required and the checkout is a signed token bound to the signed-in user (another user: 404) — see billing.sandbox.$checkoutId.test.ts; paying calls our own webhook endpoint over HTTP, which this suite does not run',
  },

  'admin.audit.tsx': { access: 'platform', path: '/admin/audit', route: auditLogPage, read: ['admin'] },
  'admin.retention.tsx': { access: 'platform', path: '/admin/retention', route: retentionPage, read: ['admin'] },
  'admin.ai.tsx': { access: 'platform', path: '/admin/ai', route: adminAiPage, read: ['admin'] },

  'billing._index.tsx': { access: 'user', path: '/billing', route: billingPage, intents: [] },
  'billing.checkout.tsx': {
    access: 'user',
    path: '/billing/checkout',
    route: checkoutRoute,
    // POST only: the GET starts nothing
    readStatus: 405,
    intents: [
      {
        intent: '(buy premium)',
        form: () => ({ plan: 'premium' }),
        status: 302,
        // seats for Y's team, where X is a plain member
        hostile: { form: (w) => ({ plan: 'team', teamId: w.shared.id, seats: '5' }), status: 403 },
      },
    ],
  },
  'billing.success.tsx': {
    access: 'user',
    path: '/billing/success?checkout_id=:checkoutId',
    params: (w) => ({ checkoutId: sandboxCheckoutOf(w.x) }),
    route: checkoutSuccessPage,
    intents: [],
  },
  'billing.portal.tsx': {
    access: 'user',
    path: '/billing/portal',
    route: portalPage,
    intents: [
      // offline: the sandbox portal is this same page
      { intent: 'open', form: () => ({ intent: 'open' }), status: 302 },
      // X pays for no subscription: each change names one X does not pay for
      { intent: 'cancel', form: () => ({ intent: 'cancel', subscriptionId: 'not-a-subscription' }), status: 404 },
      { intent: 'uncancel', form: () => ({ intent: 'uncancel', subscriptionId: 'not-a-subscription' }), status: 404 },
      { intent: 'revoke', form: () => ({ intent: 'revoke', subscriptionId: 'not-a-subscription' }), status: 404 },
    ],
  },

  'settings.tsx': { access: 'user', path: '/settings', route: settingsLayout, intents: [] },
  'settings.profile.tsx': {
    access: 'user',
    path: '/settings/profile',
    route: profileSettings,
    intents: [
      {
        intent: 'save',
        form: (w) => ({
          intent: 'save',
          name: 'Xavier',
          username: `${w.x.username}x`,
          timezone: 'Europe/Berlin',
          dayStartHour: '5',
          weekStartsOn: '1',
          dailyXpGoal: '20',
        }),
        status: 302,
        hostile: {
          form: (w) => ({
            intent: 'save',
            name: 'Xavier',
            username: w.y.username!,
            timezone: 'UTC',
            dayStartHour: '4',
            weekStartsOn: '1',
            dailyXpGoal: '10',
          }),
          status: 409,
        },
      },
      { intent: 'remove-photo', form: () => ({ intent: 'remove-photo' }), status: 302 },
    ],
  },
  'settings.password.tsx': {
    access: 'user',
    path: '/settings/password',
    route: passwordSettings,
    intents: [
      {
        intent: '(change password)',
        form: () => ({
          currentPassword: TEST_PASSWORD,
          newPassword: 'an entirely new passphrase',
          confirmPassword: 'an entirely new passphrase',
        }),
        status: 302,
      },
    ],
  },
  'settings.sessions.tsx': {
    access: 'user',
    path: '/settings/sessions',
    route: sessionSettings,
    intents: [
      {
        intent: 'end',
        form: (w) => ({ intent: 'end', sessionId: w.xOtherSessionId }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'end', sessionId: w.ySessionId }), status: 404 },
      },
      { intent: 'end-others', form: () => ({ intent: 'end-others' }), status: 302 },
      { intent: 'end-all', form: () => ({ intent: 'end-all' }), status: 302 },
    ],
  },
  'settings.voice.tsx': {
    access: 'user',
    path: '/settings/voice',
    route: voiceSettings,
    // the learner's own row only: there is no id to aim at another learner
    intents: [
      { intent: 'save', form: () => ({ intent: 'save', readAnswersAloud: 'on', ttsVoice: 'Alex' }), status: 302 },
    ],
  },
  'settings.connections.tsx': {
    access: 'user',
    path: '/settings/connections',
    route: connectionSettings,
    intents: [
      {
        intent: 'unlink',
        form: () => ({ intent: 'unlink', provider: 'github' }),
        status: 302,
        // Y's GitHub account is not X's to unlink: not found, and Y keeps it.
        hostile: { form: () => ({ intent: 'unlink', provider: 'google' }), status: 404 },
      },
    ],
  },
  'settings.data.tsx': {
    access: 'user',
    path: '/settings/data',
    route: dataSettings,
    intents: [{ intent: '(delete account)', form: () => ({ password: TEST_PASSWORD, confirm: 'yes' }), status: 302 }],
  },
  'settings_.export[.json].tsx': {
    access: 'user',
    path: '/settings/export.json',
    route: exportRoute,
    // The GET reads nothing: it only points at the page with the download button.
    loaderRedirectsTo: '/settings/data',
    intents: [{ intent: '(download)', form: () => ({}), status: 200 }],
  },
  'practice.$topicSlug.tsx': {
    access: 'user',
    path: '/practice/:topicSlug',
    params: (w) => ({ topicSlug: w.topic.slug }),
    route: practicePage,
    intents: [
      {
        intent: '(answer)',
        form: (w) => ({ taskId: w.topic.tasks.single, attemptId: ulid(), answer: SECRET.single.wrong }),
        status: 200,
        // Y's attempt id: a conflict, never Y's result (nor a change to Y's rows)
        hostile: {
          form: (w) => ({ taskId: w.topic.tasks.single, attemptId: w.yAttemptId, answer: SECRET.single.wrong }),
          status: 409,
        },
      },
    ],
  },
  'reviews.tsx': {
    access: 'user',
    path: '/reviews',
    route: reviewsPage,
    intents: [
      {
        intent: '(answer)',
        form: (w) => ({ taskId: w.topic.tasks.single, attemptId: ulid(), answer: SECRET.single.wrong }),
        status: 200,
        hostile: {
          form: (w) => ({ taskId: w.topic.tasks.single, attemptId: w.yAttemptId, answer: SECRET.single.wrong }),
          status: 409,
        },
      },
    ],
  },
  'api.tasks.submit.tsx': {
    access: 'user',
    api: true,
    path: '/api/tasks/submit',
    route: submitApi,
    readStatus: 405,
    intents: [
      {
        intent: '(submit)',
        form: (w) => ({ taskId: w.topic.tasks.single, attemptId: ulid(), answer: SECRET.single.wrong }),
        status: 200,
        hostile: {
          form: (w) => ({ taskId: w.topic.tasks.single, attemptId: w.yAttemptId, answer: SECRET.single.wrong }),
          status: 409,
        },
      },
    ],
  },
  'api.xp.user.tsx': {
    access: 'user',
    api: true,
    path: '/api/xp/user?topicSlug=:topicSlug',
    params: (w) => ({ topicSlug: w.topic.slug }),
    route: userXpApi,
    intents: [],
  },
  'api.reviews.due.tsx': { access: 'user', api: true, path: '/api/reviews/due', route: reviewsDueApi, intents: [] },
  'api.ai.usage.tsx': { access: 'user', api: true, path: '/api/ai/usage', route: aiUsageApi, intents: [] },
  'api.topics.$topicSlug.stats.tsx': {
    access: 'user',
    api: true,
    path: '/api/topics/:topicSlug/stats',
    params: (w) => ({ topicSlug: w.topic.slug }),
    route: topicStatsApi,
    intents: [],
  },
  'api.tasks.$taskId.history.tsx': {
    access: 'user',
    api: true,
    // the task Y answered: X's history of it must not show Y's attempt
    path: '/api/tasks/:taskId/history',
    params: (w) => ({ taskId: w.topic.tasks.single }),
    route: taskHistoryApi,
    intents: [],
  },
  'learn._index.tsx': {
    access: 'user',
    path: '/learn',
    route: learnDashboard,
    // the world holds no suggestions: an unknown id is refused; owner scoping is in learn._index.suggestions.test.ts
    intents: [
      { intent: 'accept-suggestion', form: () => ({ intent: 'accept-suggestion', suggestionId: ulid() }), status: 404 },
      {
        intent: 'dismiss-suggestion',
        form: () => ({ intent: 'dismiss-suggestion', suggestionId: ulid() }),
        status: 404,
      },
    ],
  },
  'learn.$subjectSlug._index.tsx': {
    access: 'user',
    path: '/learn/:subjectSlug',
    params: (w) => ({ subjectSlug: w.topic.subjectSlug }),
    route: subjectPage,
    intents: [],
  },
  'learn.$subjectSlug.$topicSlug.tsx': {
    access: 'user',
    // the topic Y answered a task of: X's page must show none of Y's progress
    path: '/learn/:subjectSlug/:topicSlug',
    params: (w) => ({ subjectSlug: w.topic.subjectSlug, topicSlug: w.topic.slug }),
    route: topicPage,
    intents: [],
  },
  'progress.tsx': { access: 'user', path: '/progress', route: progressPage, intents: [] },
  // mastery over time with its evidence (progress_.mastery.test.ts: none of another learner's)
  'progress_.mastery.tsx': { access: 'user', path: '/progress/mastery', route: masteryHistoryPage, intents: [] },
  // the trophy case and its JSON (api.achievements.test.ts: none of another learner's unlocks or progress)
  'achievements.tsx': { access: 'user', path: '/achievements', route: trophiesPage, intents: [] },
  // the tutor (tutor.server.test.ts: another team's passages are never quoted)
  // search (app/modules/search/search.server.test.ts: nothing of another team or learner is found)
  'search.tsx': { access: 'user', path: '/search?q=fractions', route: searchPage, intents: [] },
  // a document of "Shared" (documents.$documentId.test.ts: another team's is not found)
  'documents.$documentId.tsx': {
    access: 'user',
    path: '/documents/:documentId',
    params: (w) => ({ documentId: w.xCitedAnswer.documentId }),
    route: documentPage,
    intents: [],
  },
  'api.search.tsx': { access: 'user', api: true, path: '/api/search?q=fractions', route: searchApi, intents: [] },
  'tutor._index.tsx': {
    access: 'user',
    path: '/tutor',
    route: tutorPage,
    intents: [
      {
        intent: '(action)',
        form: () => ({ question: 'What is a fraction?' }),
        status: 302,
        hostile: { form: (w) => ({ question: 'And Y?', sessionId: w.yTutorSessionId }), status: 404 },
      },
    ],
  },
  'tutor.$sessionId.tsx': {
    access: 'user',
    path: '/tutor/:sessionId',
    params: (w) => ({ sessionId: w.xTutorSessionId }),
    route: tutorSessionPage,
    intents: [
      { intent: '(action)', form: () => ({ question: 'One more question?' }), status: 302 },
      {
        // "Make review cards" on a cited passage (review-cards.server.test.ts: the card never shows to Y)
        intent: '(review card)',
        form: (w) => reviewCardForm(w.xCitedAnswer),
        status: 302,
        hostile: { form: (w) => reviewCardForm(w.yCitedAnswer), status: 404 },
      },
    ],
  },
  // the streamed answer (api.tutor.ask.test.ts); another learner's conversation is not found
  'api.tutor.ask.tsx': {
    access: 'user',
    api: true,
    path: '/api/tutor/ask',
    route: tutorAskApi,
    readStatus: 405,
    intents: [
      {
        intent: '(ask)',
        form: () => ({ question: 'What is a fraction?' }),
        status: 200,
        hostile: { form: (w) => ({ question: 'And Y?', sessionId: w.yTutorSessionId }), status: 404 },
      },
    ],
  },
  'api.achievements.tsx': { access: 'user', api: true, path: '/api/achievements', route: achievementsApi, intents: [] },
  'quests._index.tsx': {
    access: 'user',
    path: '/quests',
    route: questsPage,
    intents: [
      {
        intent: 'create',
        form: (w) => ({ intent: 'create', ...NEW_QUEST, categoryId: w.xQuests.categoryId, tagIds: w.xQuests.tagId }),
        status: 302,
        // Y's category or tag on X's quest: refused, naming the field
        hostile: { form: (w) => ({ intent: 'create', ...NEW_QUEST, categoryId: w.yQuests.categoryId }), status: 400 },
      },
    ],
  },
  // the quest of X in progress; Y's quest itself is refused to X (404) in quests.$questId.test.ts
  'quests.$questId.tsx': {
    access: 'user',
    path: '/quests/:questId',
    params: (w) => ({ questId: w.xQuests.questId }),
    route: questPage,
    intents: [
      { intent: 'edit', form: () => ({ intent: 'edit', ...NEW_QUEST }), status: 302 },
      { intent: 'move', form: () => ({ intent: 'move', move: 'complete' }), status: 302 },
      { intent: 'add-step', form: () => ({ intent: 'add-step', title: 'One more' }), status: 302 },
      {
        intent: 'remove-step',
        form: (w) => ({ intent: 'remove-step', stepId: w.xQuests.stepIds[0]! }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'remove-step', stepId: w.yQuests.stepIds[0]! }), status: 404 },
      },
      {
        intent: 'tick-step',
        form: (w) => ({ intent: 'tick-step', stepId: w.xQuests.stepIds[0]!, done: 'on' }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'tick-step', stepId: w.yQuests.stepIds[0]!, done: 'on' }), status: 404 },
      },
      {
        intent: 'move-step',
        form: (w) => ({ intent: 'move-step', stepId: w.xQuests.stepIds[0]!, direction: 'down' }),
        status: 302,
        hostile: {
          form: (w) => ({ intent: 'move-step', stepId: w.yQuests.stepIds[0]!, direction: 'down' }),
          status: 404,
        },
      },
      {
        intent: 'add-dependency',
        form: (w) => ({ intent: 'add-dependency', prerequisiteId: w.xQuests.otherQuestId, type: 'resource' }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'add-dependency', prerequisiteId: w.yQuests.questId }), status: 404 },
      },
      {
        intent: 'remove-dependency',
        form: (w) => ({ intent: 'remove-dependency', dependencyId: w.xQuests.dependencyId }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'remove-dependency', dependencyId: w.yQuests.dependencyId }), status: 404 },
      },
      // X's quest is in progress: ratings are for completed quests (the success is in quests.$questId.test.ts)
      { intent: 'rate', form: () => ({ intent: 'rate', difficultyRating: '3', satisfactionRating: '4' }), status: 409 },
    ],
  },
  'quests.categories.tsx': {
    access: 'user',
    path: '/quests/categories',
    route: questLabelsPage,
    intents: [
      {
        intent: 'create-category',
        form: () => ({ intent: 'create-category', name: 'New', color: '#123456' }),
        status: 302,
      },
      {
        intent: 'update-category',
        form: (w) => ({
          intent: 'update-category',
          categoryId: w.xQuests.categoryId,
          name: 'Renamed',
          color: '#654321',
        }),
        status: 302,
        hostile: {
          form: (w) => ({
            intent: 'update-category',
            categoryId: w.yQuests.categoryId,
            name: 'Mine',
            color: '#654321',
          }),
          status: 404,
        },
      },
      {
        intent: 'delete-category',
        form: (w) => ({ intent: 'delete-category', categoryId: w.xQuests.categoryId }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'delete-category', categoryId: w.yQuests.categoryId }), status: 404 },
      },
      { intent: 'create-tag', form: () => ({ intent: 'create-tag', name: 'new', color: '#123456' }), status: 302 },
      {
        intent: 'update-tag',
        form: (w) => ({ intent: 'update-tag', tagId: w.xQuests.tagId, name: 'renamed', color: '#654321' }),
        status: 302,
        hostile: {
          form: (w) => ({ intent: 'update-tag', tagId: w.yQuests.tagId, name: 'mine', color: '#654321' }),
          status: 404,
        },
      },
      {
        intent: 'delete-tag',
        form: (w) => ({ intent: 'delete-tag', tagId: w.xQuests.tagId }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'delete-tag', tagId: w.yQuests.tagId }), status: 404 },
      },
    ],
  },
  'api.quests.tsx': {
    access: 'user',
    api: true,
    path: '/api/quests',
    route: questsApi,
    intents: [
      {
        intent: '(create)',
        form: () => NEW_QUEST,
        status: 201,
        hostile: { form: (w) => ({ ...NEW_QUEST, tagIds: w.yQuests.tagId }), status: 400 },
      },
    ],
  },
  'api.quests.$questId.tsx': {
    access: 'user',
    api: true,
    path: '/api/quests/:questId',
    params: (w) => ({ questId: w.xQuests.questId }),
    route: questApi,
    intents: [
      {
        intent: '(action)',
        form: () => ({ intent: 'move', move: 'complete' }),
        status: 200,
        hostile: { form: (w) => ({ intent: 'tick-step', stepId: w.yQuests.stepIds[0]!, done: 'on' }), status: 404 },
      },
    ],
  },
  'teams._index.tsx': {
    access: 'user',
    path: '/teams',
    route: teamsPage,
    intents: [
      { intent: 'create', form: () => ({ intent: 'create', name: 'Brand new' }), status: 302 },
      {
        intent: 'switch',
        form: (w) => ({ intent: 'switch', teamId: w.shared.id }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'switch', teamId: w.theirs.id }), status: 403 },
      },
      {
        intent: 'leave',
        form: (w) => ({ intent: 'leave', teamId: w.shared.id }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'leave', teamId: w.theirs.id }), status: 403 },
      },
      {
        intent: 'accept-invite',
        form: (w) => ({ intent: 'accept-invite', inviteId: w.inviteForX }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'accept-invite', inviteId: w.inviteForSomeoneElse }), status: 403 },
      },
      {
        intent: 'decline-invite',
        form: (w) => ({ intent: 'decline-invite', inviteId: w.inviteForX }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'decline-invite', inviteId: w.inviteForSomeoneElse }), status: 403 },
      },
    ],
  },

  'teams.$teamId._index.tsx': {
    access: 'team',
    path: '/teams/:teamId',
    route: teamMembersPage,
    read: ['owner', 'admin', 'instructor', 'staff'],
    intents: [
      {
        intent: 'invite',
        may: ['owner', 'admin'],
        form: () => ({ intent: 'invite', email: 'newcomer@example.com', role: 'member' }),
      },
      {
        intent: 'revoke-invite',
        may: ['owner', 'admin'],
        form: (w) => ({ intent: 'revoke-invite', inviteId: w.inviteId }),
        foreign: (w) => ({ intent: 'revoke-invite', inviteId: w.theirInviteId }),
      },
      {
        intent: 'change-role',
        may: ['owner', 'admin'],
        form: (w) => ({ intent: 'change-role', userId: w.member.id, role: 'instructor' }),
        foreign: (w) => ({ intent: 'change-role', userId: w.theirs.member.id, role: 'instructor' }),
      },
      {
        intent: 'remove',
        may: ['owner', 'admin'],
        form: (w) => ({ intent: 'remove', userId: w.member.id }),
        foreign: (w) => ({ intent: 'remove', userId: w.theirs.member.id }),
      },
      {
        intent: 'transfer',
        may: ['owner'],
        form: (w) => ({ intent: 'transfer', userId: w.admin.id, confirm: 'on' }),
        foreign: (w) => ({ intent: 'transfer', userId: w.theirs.admin.id, confirm: 'on' }),
      },
    ],
  },
  'teams.$teamId.quests.tsx': {
    access: 'team',
    path: '/teams/:teamId/quests',
    route: teamQuestsPage,
    read: ['owner', 'admin', 'instructor', 'staff'],
    intents: [
      {
        // only owners, admins and instructors assign (a member or platform staff: 403)
        intent: 'assign',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'assign', ...NEW_QUEST, memberIds: w.member.id, dueDay: '2026-12-24' }),
        foreign: (w) => ({ intent: 'assign', ...NEW_QUEST, memberIds: w.theirs.member.id }),
      },
    ],
  },
  // nuggets and narrative paths (docs/nuggets.md; paths.server.test.ts: another team's paths never show)
  'teams.$teamId.paths._index.tsx': {
    access: 'team',
    path: '/teams/:teamId/paths',
    route: teamPathsPage,
    read: ['owner', 'admin', 'instructor'],
    intents: [{ intent: '(create)', may: ['owner', 'admin', 'instructor'], form: () => ({ title: 'A new path' }) }],
  },
  'teams.$teamId.paths.$pathId.tsx': {
    access: 'team',
    path: '/teams/:teamId/paths/:pathId',
    params: (w) => ({ pathId: w.path.pathId }),
    route: teamPathPage,
    read: ['owner', 'admin', 'instructor'],
    intents: [
      {
        intent: 'add-node',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'add-node', nuggetId: w.path.nuggetIds[0]! }),
        foreign: (w) => ({ intent: 'add-node', nuggetId: w.theirPath.nuggetIds[0]! }),
      },
      {
        intent: 'add-choice',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({
          intent: 'add-choice',
          fromNodeId: w.path.nodeIds[1]!,
          label: 'Back',
          nextNodeId: w.path.nodeIds[0]!,
        }),
      },
      {
        intent: 'set-start',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'set-start', nodeId: w.path.nodeIds[0]! }),
      },
      { intent: 'publish', may: ['owner', 'admin', 'instructor'], form: () => ({ intent: 'publish' }) },
      { intent: 'unpublish', may: ['owner', 'admin', 'instructor'], form: () => ({ intent: 'unpublish' }) },
    ],
  },
  'teams.$teamId.nuggets._index.tsx': {
    access: 'team',
    path: '/teams/:teamId/nuggets',
    route: teamNuggetsPage,
    read: ['owner', 'admin', 'instructor'],
    intents: [],
  },
  'teams.$teamId.nuggets.$nuggetId.tsx': {
    access: 'team',
    path: '/teams/:teamId/nuggets/:nuggetId',
    params: (w) => ({ nuggetId: w.nugget.nuggetId }),
    route: teamNuggetPage,
    read: ['owner', 'admin', 'instructor'],
    intents: [
      {
        intent: 'save',
        may: ['owner', 'admin', 'instructor'],
        form: () => ({ intent: 'save', title: 'Light into sugar', body: 'Plants make sugar from light.' }),
      },
      { intent: 'publish', may: ['owner', 'admin', 'instructor'], form: () => ({ intent: 'publish' }) },
      { intent: 'unpublish', may: ['owner', 'admin', 'instructor'], form: () => ({ intent: 'unpublish' }) },
      { intent: 'delete', may: ['owner', 'admin', 'instructor'], form: () => ({ intent: 'delete' }) },
      {
        intent: 'add-task',
        may: ['owner', 'admin', 'instructor'],
        form: () => ({
          intent: 'add-task',
          kind: 'short_text',
          prompt: 'What gas do plants release?',
          answers: 'oxygen',
        }),
      },
      {
        intent: 'edit-task',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({
          intent: 'edit-task',
          taskId: w.nugget.taskId,
          kind: 'short_text',
          prompt: 'Made?',
          answers: 'sugar',
        }),
        foreign: (w) => ({
          intent: 'edit-task',
          taskId: w.theirNugget.taskId,
          kind: 'short_text',
          prompt: 'Made?',
          answers: 'sugar',
        }),
      },
      {
        intent: 'remove-task',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'remove-task', taskId: w.nugget.taskId }),
        foreign: (w) => ({ intent: 'remove-task', taskId: w.theirNugget.taskId }),
      },
    ],
  },
  // lessons: only members of the nugget's team read a published one (lessons.$nuggetId.test.ts: 404 otherwise)
  'lessons._index.tsx': { access: 'user', path: '/lessons', route: lessonsPage, intents: [] },
  'lessons.$nuggetId.tsx': {
    access: 'user',
    path: '/lessons/:nuggetId',
    params: (w) => ({ nuggetId: w.xLesson.id }),
    route: lessonPage,
    intents: [],
  },
  'paths.$pathId.tsx': {
    access: 'user',
    path: '/paths/:pathId',
    params: (w) => ({ pathId: w.xPath.pathId }),
    route: walkPathPage,
    intents: [
      { intent: 'start', form: () => ({ intent: 'start' }), status: 302 },
      // not started yet: nowhere to move from
      { intent: 'choose', form: () => ({ intent: 'choose', choice: '0' }), status: 409 },
      {
        intent: '(quick check)',
        form: (w) => ({ taskId: w.xPath.taskId, attemptId: ulid(), answer: '0' }),
        status: 409,
      },
    ],
  },
  // certificates (certificates.verify.$code.test.ts: the verify page shows nothing else of the holder)
  'certificates._index.tsx': { access: 'user', path: '/certificates', route: myCertificatesPage, intents: [] },
  // challenges: X sees global ones and X's teams' (never "Their own"'s); a team challenge is a 404 outside its
  // team (challenges.$challengeId.test.ts); boards show names, never user ids or e-mail addresses
  'challenges._index.tsx': {
    access: 'user',
    path: '/challenges',
    route: challengesPage,
    intents: [
      {
        intent: 'create',
        // X is a plain member of "Shared": only its owner, admins and instructors make its challenges
        form: (w) => ({
          intent: 'create',
          title: 'Not allowed',
          difficulty: 'easy',
          metric: 'xp',
          startsAt: '2030-01-01T09:00',
          endsAt: '2030-01-08T09:00',
          teamId: w.shared.id,
        }),
        status: 403,
      },
    ],
  },
  'challenges.$challengeId.tsx': {
    access: 'user',
    path: '/challenges/:challengeId',
    params: (w) => ({ challengeId: w.xChallengeId }),
    route: challengePage,
    intents: [
      { intent: 'join', form: () => ({ intent: 'join' }), status: 302 },
      { intent: 'leave', form: () => ({ intent: 'leave' }), status: 409 },
    ],
  },
  'api.challenges.tsx': { access: 'user', api: true, path: '/api/challenges', route: challengesApi, intents: [] },
  'api.challenges.$challengeId.tsx': {
    access: 'user',
    api: true,
    path: '/api/challenges/:challengeId',
    params: (w) => ({ challengeId: w.xChallengeId }),
    route: challengeApi,
    intents: [],
  },
  // the weekly league and its JSON (league.server.test.ts: hidden learners are "A learner", no user ids)
  'league.tsx': { access: 'user', path: '/league', route: leaguePage, intents: [] },
  'api.league.tsx': { access: 'user', api: true, path: '/api/league', route: leagueApi, intents: [] },
  // subscribe (JSON) and unsubscribe (DELETE) are in api.push-subscriptions.test.ts; Y's device is
  // not found by X (the form answers "already removed") and stays
  'api.push-subscriptions.tsx': {
    access: 'user',
    api: true,
    path: '/api/push-subscriptions',
    route: pushSubscriptionsApi,
    intents: [
      {
        intent: '(remove a device)',
        form: (w) => ({ intent: 'remove', id: w.xPushId }),
        status: 302,
        hostile: { form: (w) => ({ intent: 'remove', id: w.yPushId }), status: 302 },
      },
    ],
  },
  'certificates.$id.tsx': {
    access: 'user',
    path: '/certificates/:id',
    params: (w) => ({ id: w.xCertificateId }),
    route: certificatePage,
    intents: [],
  },
  'certificates.$id[.pdf].tsx': {
    access: 'user',
    path: '/certificates/:id.pdf',
    params: (w) => ({ id: w.xCertificateId }),
    route: certificatePdf,
    intents: [],
  },
  'teams.$teamId.certificates.tsx': {
    access: 'team',
    path: '/teams/:teamId/certificates',
    route: teamCertificatesPage,
    read: ['owner', 'admin', 'instructor', 'staff'],
    intents: [
      {
        intent: 'certificate-define',
        may: ['owner', 'admin'],
        form: (w) => ({ intent: 'certificate-define', name: 'Defined here', concepts: w.certificates.concept }),
      },
      {
        intent: 'certificate-archive',
        may: ['owner', 'admin'],
        form: (w) => ({ intent: 'certificate-archive', definitionId: w.certificates.definitionId }),
        foreign: (w) => ({ intent: 'certificate-archive', definitionId: w.theirCertificates.definitionId }),
      },
      {
        intent: 'certificate-issue',
        may: ['owner', 'admin'],
        form: (w) => ({ intent: 'certificate-issue', definitionId: w.certificates.definitionId, userId: w.member.id }),
        foreign: (w) => ({
          intent: 'certificate-issue',
          definitionId: w.theirCertificates.definitionId,
          userId: w.theirs.member.id,
        }),
      },
      {
        intent: 'certificate-revoke',
        may: ['owner', 'admin'],
        form: (w) => ({ intent: 'certificate-revoke', certificateId: w.certificates.certificateId, reason: 'Test' }),
        foreign: (w) => ({
          intent: 'certificate-revoke',
          certificateId: w.theirCertificates.certificateId,
          reason: 'Test',
        }),
      },
    ],
  },
  'api.teams.$teamId.certificates.tsx': {
    access: 'team',
    api: true,
    path: '/api/teams/:teamId/certificates',
    route: teamCertificatesApi,
    read: ['owner', 'admin', 'instructor', 'staff'],
    intents: [],
  },
  'teams.$teamId.documents.tsx': {
    access: 'team',
    path: '/teams/:teamId/documents',
    route: teamDocumentsPage,
    read: ['owner', 'admin', 'instructor'],
    intents: [
      {
        intent: 'upload',
        may: ['owner', 'admin', 'instructor'],
        form: () => ({ intent: 'upload', file: new File(['# Notes\n\nOnly for this team.\n'], 'notes.md') }),
      },
      {
        intent: 'delete-document',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'delete-document', documentId: w.documents.documentId }),
        foreign: (w) => ({ intent: 'delete-document', documentId: w.theirDocuments.documentId }),
      },
      {
        intent: 'add-url',
        may: ['owner', 'admin', 'instructor'],
        form: () => ({ intent: 'add-url', url: 'https://example.com/new-guide', checkInterval: '60' }),
      },
      {
        intent: 'remove-url',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'remove-url', monitoredUrlId: w.documents.monitoredUrlId }),
        foreign: (w) => ({ intent: 'remove-url', monitoredUrlId: w.theirDocuments.monitoredUrlId }),
      },
      {
        intent: 'toggle-url',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'toggle-url', monitoredUrlId: w.documents.monitoredUrlId, enabled: 'false' }),
        foreign: (w) => ({ intent: 'toggle-url', monitoredUrlId: w.theirDocuments.monitoredUrlId, enabled: 'false' }),
      },
      {
        intent: 'add-folder',
        may: ['owner', 'admin', 'instructor'],
        form: () => ({
          intent: 'add-folder',
          path: mkdtempSync(join(tmpdir(), 'questlog-watched-')),
          fileTypes: 'md',
          recursive: 'on',
        }),
      },
      {
        intent: 'remove-folder',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'remove-folder', watchedFolderId: w.documents.watchedFolderId }),
        foreign: (w) => ({ intent: 'remove-folder', watchedFolderId: w.theirDocuments.watchedFolderId }),
      },
      {
        intent: 'toggle-folder',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'toggle-folder', watchedFolderId: w.documents.watchedFolderId, enabled: 'false' }),
        foreign: (w) => ({
          intent: 'toggle-folder',
          watchedFolderId: w.theirDocuments.watchedFolderId,
          enabled: 'false',
        }),
      },
      {
        intent: 'scan-folder',
        may: ['owner', 'admin', 'instructor'],
        form: (w) => ({ intent: 'scan-folder', watchedFolderId: w.documents.watchedFolderId }),
        foreign: (w) => ({ intent: 'scan-folder', watchedFolderId: w.theirDocuments.watchedFolderId }),
      },
    ],
  },
  'teams.$teamId.settings.tsx': {
    access: 'team',
    path: '/teams/:teamId/settings',
    route: teamSettingsPage,
    read: ['owner', 'admin'],
    intents: [
      {
        intent: 'save',
        may: ['owner', 'admin'],
        form: () => ({ intent: 'save', name: 'Taken over', description: 'New', dailyXpGoal: '50' }),
      },
      { intent: 'remove-image', may: ['owner', 'admin'], form: () => ({ intent: 'remove-image' }) },
    ],
  },
  'teams.$teamId.ai.tsx': {
    access: 'team',
    path: '/teams/:teamId/ai',
    route: teamAiPage,
    read: ['owner', 'admin'],
    intents: [
      {
        intent: 'save-models',
        may: ['owner', 'admin'],
        form: () => ({
          intent: 'save-models',
          tutoringModel: 'taken-over',
          tutoringTemp: '1',
          contentGenerationModel: 'taken-over',
          contentGenerationTemp: '1',
          narrativePlanningModel: 'taken-over',
          narrativePlanningTemp: '1',
          metadataModel: 'taken-over',
        }),
      },
      { intent: 'inherit-models', may: ['owner', 'admin'], form: () => ({ intent: 'inherit-models' }) },
      {
        intent: 'save-voice',
        may: ['owner', 'admin'],
        form: () => ({ intent: 'save-voice', ttsProvider: 'local', sttProvider: 'local', qualityTier: 'high' }),
      },
      { intent: 'inherit-voice', may: ['owner', 'admin'], form: () => ({ intent: 'inherit-voice' }) },
    ],
  },
}

const entries = Object.entries(ROUTES)
const userRoutes = entries.flatMap(([file, entry]) => (entry.access === 'user' ? [{ file, ...entry }] : []))
const teamRoutes = entries.flatMap(([file, entry]) => (entry.access === 'team' ? [{ file, ...entry }] : []))
const protectedRoutes = [...userRoutes, ...teamRoutes]

/** The intents the route's forms or its form schema offer, read from the code (not the table). */
const SCHEMA_INTENTS: Record<string, readonly { shape: { intent: { value: string } } }[]> = {
  'teams.$teamId.certificates.tsx': CertificateAdminAction.options,
  'teams._index.tsx': TeamsPageAction.options,
  'teams.$teamId._index.tsx': TeamAdminAction.options,
  'teams.$teamId.settings.tsx': TeamSettingsAction.options,
  'teams.$teamId.documents.tsx': DocumentsPageAction.options,
  'quests.$questId.tsx': QuestActions.options,
  'quests.categories.tsx': LabelAction.options,
}
function intentsInCode(file: string): string[] {
  const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')
  const buttons = [...source.matchAll(/name="intent"\s+value="([^"]+)"|removeIntent="([^"]+)"/g)].map(
    (m) => (m[1] ?? m[2])!,
  )
  const literals = [...source.matchAll(/intent: z\.literal\('([^']+)'\)/g)].map((m) => m[1]!)
  const schema = (SCHEMA_INTENTS[file] ?? []).map((option) => option.shape.intent.value)
  return [...new Set([...buttons, ...literals, ...schema])].sort()
}

/** Each intent of a route with the form it sends in these worlds. */
function formsOf(
  entry: (typeof protectedRoutes)[number],
  team: TeamWorld,
  user: UserWorld,
): [string, Record<string, string | File>][] {
  return entry.access === 'team'
    ? entry.intents.map((i) => [i.intent, i.form(team)])
    : entry.intents.map((i) => [i.intent, i.form(user)])
}

const teamPath = (path: string, teamId: string) => path.replace(':teamId', teamId)

function teamLocation(entry: (typeof teamRoutes)[number], w: TeamWorld, teamId: string) {
  const params: Record<string, string> = { ...(entry.params?.(w) ?? {}), teamId }
  return { path: teamPath(entry.path, teamId).replace(/:(\w+)/g, (_m, name: string) => params[name] ?? ''), params }
}

/** A route's path and params in these worlds (`:name` placeholders filled in). */
function locate(
  entry: (typeof protectedRoutes)[number],
  team: TeamWorld | null,
  user: UserWorld,
): { path: string; params: Record<string, string> } {
  if (entry.access === 'team') {
    if (!team) throw new Error(`${entry.path} needs a team world`)
    return teamLocation(entry, team, team.team.id)
  }
  const params = entry.params?.(user) ?? {}
  return { path: entry.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? '')), params }
}
const loginRedirect = (path: string) => `/login?${new URLSearchParams({ redirectTo: path })}`

// ─── The table is complete ──────────────────────────────────────────────────

describe('the route table', () => {
  it('classifies every route module in app/routes, and names no file that is gone', () => {
    const files = readdirSync(new URL('.', import.meta.url)).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f),
    )
    const unclassified = files.filter((f) => !(f in ROUTES))
    expect(
      unclassified,
      'add these routes to ROUTES in access-control.test.ts (public with a reason, user or team)',
    ).toEqual([])
    expect(
      Object.keys(ROUTES).filter((f) => !files.includes(f)),
      'these ROUTES entries name no file',
    ).toEqual([])
  })

  it('gives every public route a reason', () => {
    for (const [file, entry] of entries)
      if (entry.access === 'public') expect(entry.reason.length, file).toBeGreaterThan(10)
  })

  it.each(protectedRoutes.map((r) => [r.file, r] as const))(
    '%s: lists an action intent exactly when the module has an action, and every intent its code offers',
    (file, entry) => {
      expect(typeof entry.route.loader, `${file} loader`).toBe('function')
      expect(typeof entry.route.action === 'function', `${file}: an action needs its intents in the table`).toBe(
        entry.intents.length > 0,
      )
      const named = entry.intents.map((i) => i.intent).filter((name) => !name.startsWith('('))
      expect(named.sort(), `${file}: the intents in the table`).toEqual(intentsInCode(file))
    },
  )
})

// ─── Signed out ─────────────────────────────────────────────────────────────

const SIGNED_OUT = [
  ['no cookie', async () => undefined],
  ['a forged cookie', async () => 'questlog_session=forged-value-that-is-long-enough-to-be-parsed-as-a-token'],
  [
    'the cookie of an expired session',
    async () => {
      const user = await createUser()
      const cookie = await cookieFor(user.id)
      await prisma.session.updateMany({
        where: { userId: user.id },
        data: { expirationDate: new Date(Date.now() - 1000) },
      })
      return cookie
    },
  ],
] as const

describe('signed out', () => {
  describe.each(SIGNED_OUT)('with %s', (_label, cookieOf) => {
    it.each(protectedRoutes.map((r) => [r.file, r] as const))(
      '%s: GET and every POST go to /login (APIs: 401 JSON) and write nothing',
      async (_file, entry) => {
        const [teamWorldState, userWorldState] = [await teamWorld(), await userWorld()]
        const cookie = await cookieOf()
        const { path, params } = locate(entry, teamWorldState, userWorldState)
        const before = await databaseSnapshot()

        const page = await get(entry.route, path, params, cookie)
        if (entry.api) {
          expect(page.status).toBe(401)
          expect(page.body).toEqual({ error: expect.any(String) })
          expect(page.headers.get('location')).toBeNull()
        } else {
          expect(page.status).toBe(302)
          expect(page.headers.get('location')).toBe(
            entry.access === 'user' && entry.loaderRedirectsTo ? entry.loaderRedirectsTo : loginRedirect(path),
          )
        }
        for (const [intent, form] of formsOf(entry, teamWorldState, userWorldState)) {
          const result = await post(entry.route, path, params, cookie, form)
          if (entry.api) {
            expect(result.status, intent).toBe(401)
            expect(result.headers.get('location'), intent).toBeNull()
          } else {
            expect(result.status, intent).toBe(302)
            expect(result.headers.get('location'), intent).toBe(loginRedirect(path))
          }
        }
        expect(await databaseSnapshot()).toEqual(before)
      },
    )
  })
})

// ─── Platform routes ────────────────────────────────────────────────────────

const platformRoutes = entries.flatMap(([file, entry]) => (entry.access === 'platform' ? [{ file, ...entry }] : []))

describe.each(platformRoutes.map((r) => [r.file, r] as const))('platform route %s', (_file, entry) => {
  it('sends a signed-out visitor to log in, refuses (403) every platform role not listed, and lets the listed ones in', async () => {
    expect((await get(entry.route, entry.path, {}, undefined)).headers.get('location')).toBe(loginRedirect(entry.path))
    for (const role of ['learner', 'instructor', 'admin'] as const) {
      const who = await person({ role })
      expect((await get(entry.route, entry.path, {}, who.cookie)).status, role).toBe(
        entry.read.includes(role) ? 200 : 403,
      )
    }
  })
})

// ─── Team routes ────────────────────────────────────────────────────────────

function personFor(w: TeamWorld, who: Who): Person {
  return who === 'staff' ? w.staff : w[who]
}

describe.each(teamRoutes.map((r) => [r.file, r] as const))('team route %s', (_file, entry) => {
  const at = (w: TeamWorld, teamId = w.team.id) => teamLocation(entry, w, teamId)

  it('refuses the owner and admin of another team and a learner in no team (403) on the page and every intent; nothing changes', async () => {
    const w = await teamWorld()
    const { path, params } = at(w)
    const before = await databaseSnapshot()
    for (const [label, outsider] of [
      ['owner of U', w.theirs.owner],
      ['admin of U', w.theirs.admin],
      ['learner in no team', w.noTeam],
    ] as const) {
      expect((await get(entry.route, path, params, outsider.cookie)).status, `GET by ${label}`).toBe(403)
      for (const intent of entry.intents) {
        expect(
          (await post(entry.route, path, params, outsider.cookie, intent.form(w))).status,
          `${intent.intent} by ${label}`,
        ).toBe(403)
      }
    }
    expect(await databaseSnapshot()).toEqual(before)
    expect(
      await readImage(
        (await prisma.image.findUniqueOrThrow({ where: { teamId: w.team.id }, select: { id: true } })).id,
      ),
    ).not.toBeNull()
  })

  it('gives each role in T, and platform staff, exactly the access in the table (403 otherwise); refusals change nothing', async () => {
    const w = await teamWorld()
    const { path, params } = at(w)
    const before = await databaseSnapshot()
    for (const who of EVERYONE_IN_T) {
      expect((await get(entry.route, path, params, personFor(w, who).cookie)).status, `GET by ${who}`).toBe(
        entry.read.includes(who) ? 200 : 403,
      )
      for (const intent of entry.intents.filter((i) => !i.may.includes(who))) {
        expect(
          (await post(entry.route, path, params, personFor(w, who).cookie, intent.form(w))).status,
          `${intent.intent} by ${who}`,
        ).toBe(403)
      }
    }
    expect(await databaseSnapshot()).toEqual(before)
  })

  it.each(entry.intents.flatMap((intent) => intent.may.map((who) => [intent.intent, who, intent] as const)))(
    'lets %s through for the %s (the same form the others were refused)',
    async (_name, who, intent) => {
      const w = await teamWorld()
      const { path, params } = at(w)
      const result = await post(entry.route, path, params, personFor(w, who).cookie, intent.form(w))
      expect(result.status, JSON.stringify(result.body)).toBe(302)
    },
  )

  it('answers 404 for an unknown or malformed team id, even to the owner of T', async () => {
    const w = await teamWorld()
    const before = await databaseSnapshot()
    for (const teamId of ['01ARZ3NDEKTSV4RRFFQ69G5FAV', 'not-a-team', `${w.team.id}x`]) {
      const { path, params } = at(w, teamId)
      expect((await get(entry.route, path, params, w.owner.cookie)).status, `GET ${teamId}`).toBe(404)
      for (const intent of entry.intents) {
        expect(
          (await post(entry.route, path, params, w.owner.cookie, intent.form(w))).status,
          `${intent.intent} on ${teamId}`,
        ).toBe(404)
      }
    }
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('never reaches team U from T’s page: U’s members and invites are not found (404), U is unchanged, and the page shows none of U', async () => {
    const w = await teamWorld()
    const { path, params } = at(w)
    const theirsBefore = await teamState(w.theirs.team.id)
    for (const intent of entry.intents) {
      if (!intent.foreign) continue
      expect((await post(entry.route, path, params, w.owner.cookie, intent.foreign(w))).status, intent.intent).toBe(404)
    }
    expect(await teamState(w.theirs.team.id)).toEqual(theirsBefore)
    const page = JSON.stringify((await get(entry.route, path, params, w.owner.cookie)).body)
    for (const trace of [
      w.theirs.team.id,
      w.theirs.owner.id,
      w.theirs.admin.id,
      w.theirs.member.id,
      w.theirs.member.email,
      w.theirInviteId,
    ]) {
      expect(page).not.toContain(trace)
    }
  })
})

// ─── User routes ────────────────────────────────────────────────────────────

/** Everything of Y's that X must never change. */
async function footprintOf(w: UserWorld) {
  const y = w.y.id
  return {
    user: await prisma.user.findUniqueOrThrow({ where: { id: y } }),
    password: await prisma.password.findUnique({ where: { userId: y } }),
    accounts: await prisma.account.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
    sessions: await prisma.session.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
    memberships: await prisma.teamMember.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
    image: await prisma.image.findUnique({ where: { userId: y } }),
    verifications: await prisma.verification.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
    emails: await prisma.outboundEmail.findMany({
      where: { OR: [{ userId: y }, { to: w.y.email }] },
      orderBy: { id: 'asc' },
    }),
    audit: await prisma.auditLog.findMany({ where: { actorId: y }, orderBy: { id: 'asc' } }),
    ownedTeams: await prisma.team.findMany({
      where: { ownerId: y },
      include: { settings: true, invites: true, image: true },
      orderBy: { id: 'asc' },
    }),
    theirTeam: await teamState(w.theirs.id),
    quests: {
      quests: await prisma.quest.findMany({
        where: { userId: y },
        include: { steps: true, tags: true, prerequisites: true, analytics: true },
        orderBy: { id: 'asc' },
      }),
      categories: await prisma.questCategory.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
      tags: await prisma.tag.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
    },
    learning: {
      attempts: await prisma.userTaskAttempt.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
      topicXp: await prisma.userTopicXp.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
      cards: await prisma.reviewCard.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
      reviewLogs: await prisma.reviewLog.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
      ledger: await prisma.xpLedgerEntry.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
      masteries: await prisma.conceptMastery.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
    },
    tutor: await prisma.tutorSession.findMany({ where: { userId: y }, include: { messages: true } }),
    pushDevices: await prisma.pushSubscription.findMany({ where: { userId: y }, orderBy: { id: 'asc' } }),
  }
}

/** Strings that would show Y's data (or Y's own team) in something X reads. */
const tracesOf = (w: UserWorld) => [
  w.y.id,
  w.yPushId,
  w.y.email,
  w.y.username!,
  w.y.name,
  w.ySessionId,
  w.theirs.id,
  w.inviteForSomeoneElse,
  w.yAttemptId,
  w.yQuests.questId,
  w.yQuests.categoryId,
  w.yQuests.tagId,
  w.yChallengeId,
  w.yTutorSessionId,
  'Y-ONLY tutor question',
  'y-only-google@example.com',
]

const userActions = userRoutes.flatMap((entry) =>
  entry.intents.flatMap((intent) => [
    [entry.file, intent.intent, 'own', entry, intent.form, intent.status] as const,
    ...(intent.hostile
      ? [[entry.file, intent.intent, 'aimed at Y', entry, intent.hostile.form, intent.hostile.status] as const]
      : []),
  ]),
)

describe('user routes: X only ever reads and changes X’s rows', () => {
  it.each(userRoutes.map((r) => [r.file, r] as const))('%s: X’s page shows none of Y’s data', async (_file, entry) => {
    const w = await userWorld()
    const { path, params } = locate(entry, null, w)
    const page = await get(entry.route, path, params, w.x.cookie)
    if (entry.readStatus) expect(page.status).toBe(entry.readStatus)
    else expect(page.status).toBeLessThan(400)
    const body = JSON.stringify(page.body)
    for (const trace of tracesOf(w)) expect(body).not.toContain(trace)
  })

  it.each(userActions)(
    '%s %s (%s): answers as expected and leaves every row of Y as it was',
    async (_file, _intent, _kind, entry, form, status) => {
      const w = await userWorld()
      const { path, params } = locate(entry, null, w)
      const before = await footprintOf(w)
      const result = await post(entry.route, path, params, w.x.cookie, form(w))
      expect(result.status, JSON.stringify(result.body)).toBe(status)
      expect(await footprintOf(w)).toEqual(before)
    },
  )

  it('the data export holds X’s rows and none of Y’s', async () => {
    const w = await userWorld()
    const result = await post(exportRoute, '/settings/export.json', {}, w.x.cookie, {})
    expect(result.status).toBe(200)
    const body = JSON.stringify(result.body)
    expect(body).toContain(w.x.id)
    expect(body).toContain(w.x.email)
    for (const trace of tracesOf(w)) expect(body).not.toContain(trace)
  })
})

// ─── Invitations ────────────────────────────────────────────────────────────

/** T's admin invites an address that has no account yet; returns the link token and the invitation id. */
async function invitation() {
  const w = await teamWorld()
  const email = `invitee-${w.team.id.slice(-8).toLowerCase()}@example.com`
  await post(teamMembersPage, `/teams/${w.team.id}`, { teamId: w.team.id }, w.admin.cookie, {
    intent: 'invite',
    email,
    role: 'member',
  })
  const token = await inviteTokenFor(email)
  const { id } = await prisma.teamInvite.findFirstOrThrow({ where: { teamId: w.team.id, email }, select: { id: true } })
  return { ...w, email, token, inviteId: id }
}

const byToken = (token: string, cookie: string | undefined, intent: string) =>
  post(invitePage, `/invites/${token}`, { token }, cookie, { intent })
const byId = (inviteId: string, cookie: string, intent: 'accept-invite' | 'decline-invite') =>
  post(teamsPage, '/teams', {}, cookie, { intent, inviteId })

describe('invitations', () => {
  it('refuses (403) another signed-in user — an admin of another team, a learner — to accept or decline by link or by id; nothing changes', async () => {
    const w = await invitation()
    const before = await databaseSnapshot()
    for (const other of [w.theirs.admin, w.noTeam]) {
      const page = await get(invitePage, `/invites/${w.token}`, { token: w.token }, other.cookie)
      expect((page.body as { mismatch: string | null }).mismatch).toContain(w.email)
      for (const intent of ['accept', 'decline'])
        expect((await byToken(w.token, other.cookie, intent)).status, `${intent} by link`).toBe(403)
      for (const intent of ['accept-invite', 'decline-invite'] as const)
        expect((await byId(w.inviteId, other.cookie, intent)).status, `${intent} by id`).toBe(403)
    }
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('sends a signed-out visitor to log in for the link, writing nothing', async () => {
    const w = await invitation()
    const before = await databaseSnapshot()
    const page = await get(invitePage, `/invites/${w.token}`, { token: w.token })
    expect(page.headers.get('location')).toBe(loginRedirect(`/invites/${w.token}`))
    for (const intent of ['accept', 'decline'])
      expect((await byToken(w.token, undefined, intent)).headers.get('location')).toBe(
        loginRedirect(`/invites/${w.token}`),
      )
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('refuses (403) an account that claims the invited address without confirming it, when it settles by id from the teams page (no link)', async () => {
    const w = await invitation()
    const claimant = await createUser({ email: w.email, verified: false })
    const cookie = await cookieFor(claimant.id)
    const before = await databaseSnapshot()
    for (const intent of ['accept-invite', 'decline-invite'] as const)
      expect((await byId(w.inviteId, cookie, intent)).status, intent).toBe(403)
    expect(await databaseSnapshot()).toEqual(before)
    // Nor does the teams page show it the invitation (team name, inviter).
    const page = JSON.stringify((await get(teamsPage, '/teams', {}, cookie)).body)
    expect(page).not.toContain(w.inviteId)
    expect(page).not.toContain('Ours')
  })

  it('lets the invited address through: a confirmed account by id, an unconfirmed one with the link from the e-mail', async () => {
    const byIdWorld = await invitation()
    const confirmed = await person({ email: byIdWorld.email })
    expect((await byId(byIdWorld.inviteId, confirmed.cookie, 'accept-invite')).status).toBe(302)

    const byLinkWorld = await invitation()
    const unconfirmed = await createUser({ email: byLinkWorld.email, verified: false })
    expect((await byToken(byLinkWorld.token, await cookieFor(unconfirmed.id), 'accept')).status).toBe(302)
  })
})
