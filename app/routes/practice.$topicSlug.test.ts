import { ulid } from 'ulid'
import { describe, expect, it, onTestFinished } from 'vitest'
import { FIXTURE_KINDS, SECRET, createPracticeTopic, kindOf } from '~/modules/learning/testing/practice-fixtures'
import { renderPage, type PageModule } from '~/modules/learning/testing/render-route'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { clearAchievements, createAchievement, totalXp } from '~/modules/achievements/testing/fixtures'
import { startedQuest } from '~/modules/quests/testing/fixtures'
import * as route from './practice.$topicSlug'

const page = route as unknown as PageModule
const PATTERN = '/practice/:topicSlug'

async function learner() {
  const user = await createUser()
  return { ...user, cookie: await cookieFor(user.id) }
}

const show = (slug: string, cookie: string, query = '') =>
  settle(() => route.loader(args(request(`/practice/${slug}${query}`, { cookie }), { topicSlug: slug })))
const answer = (slug: string, cookie: string, form: Record<string, string>, query = '') =>
  settle(() => route.action(args(request(`/practice/${slug}${query}`, { cookie, form }), { topicSlug: slug })))

type Shown = {
  shown: { task: { id: string; kind: string }; hints: string[]; reason: string } | null
  attemptId: string
  standing: { level: number; currentXp: number }
}
type Answered = {
  ok: true
  feedback: {
    isCorrect: boolean
    replayed: boolean
    correctAnswer: string
    explanation: string
    xp: { earned: number; breakdown: unknown[] }
    topic: { level: number; currentXp: number }
    nextReview: string
  }
}
type Refused = { ok: false; fieldErrors: Record<string, string[]> }

/** Everything of a task that must stay on the server until it is answered. */
function secretsOf(kind: keyof typeof SECRET): string[] {
  const s = SECRET[kind]
  const out: string[] = [s.explanation, 'EXPLAINED-', '"answer":', 'tolerance', '"explanation":']
  if (kind === 'numeric') out.push(String(SECRET.numeric.answer), String(SECRET.numeric.tolerance))
  if (kind === 'text') out.push(...SECRET.text.answer)
  return out
}

describe('showing a task', () => {
  it.each(FIXTURE_KINDS)(
    'never puts the answer, tolerance or explanation of a %s task in the loader data or the HTML',
    async (kind) => {
      const topic = await createPracticeTopic()
      const { cookie } = await learner()
      const query = `?task=${topic.tasks[kind]}&hints=5`
      const loaded = await show(topic.slug, cookie, query)
      expect(loaded.status).toBe(200)
      expect((loaded.body as Shown).shown?.task.id).toBe(topic.tasks[kind])
      const { status, html } = await renderPage(page, PATTERN, request(`/practice/${topic.slug}${query}`, { cookie }))
      expect(status).toBe(200)
      for (const secret of secretsOf(kind)) {
        expect(JSON.stringify(loaded.body), `loader data: ${secret}`).not.toContain(secret)
        expect(html, `HTML: ${secret}`).not.toContain(secret)
      }
    },
  )

  it('picks the first task in content order for a new learner, with a fresh ULID attempt id and the right input for each kind', async () => {
    const topic = await createPracticeTopic()
    const { cookie } = await learner()
    const first = (await show(topic.slug, cookie)).body as Shown
    expect(first.shown).toMatchObject({ task: { id: topic.tasks.single }, reason: 'new', hints: [] })
    expect(first.attemptId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(((await show(topic.slug, cookie)).body as Shown).attemptId).not.toBe(first.attemptId)

    const inputs: Record<string, RegExp> = {
      single: /<input type="radio" name="answer" value="2"/,
      multi: /<input type="checkbox" name="answer" value="2"/,
      numeric: /<input type="text" name="answer" inputMode="decimal"/i,
      text: /<input type="text" name="answer" inputMode="text"/i,
    }
    for (const kind of FIXTURE_KINDS) {
      const { html } = await renderPage(
        page,
        PATTERN,
        request(`/practice/${topic.slug}?task=${topic.tasks[kind]}`, { cookie }),
      )
      expect(html, kind).toMatch(inputs[kind]!)
      expect(html).toMatch(/<input type="hidden" name="attemptId" value="[0-9A-HJKMNP-TV-Z]{26}"/)
      expect(html).toContain('Check my answer')
    }
  })

  it('shows a hint without JavaScript: same task, same attempt id, the hint, and hintUsed=1 in the form', async () => {
    const topic = await createPracticeTopic()
    const { cookie } = await learner()
    const first = await renderPage(page, PATTERN, request(`/practice/${topic.slug}`, { cookie }))
    const attemptId = /name="attemptId" value="([0-9A-Z]{26})"/.exec(first.html)![1]!
    expect(first.html).toContain('Show a hint')
    expect(first.html).not.toContain('name="hintUsed"')
    // The hint button submits a GET form carrying the task, the attempt id and hints=1.
    expect(first.html).toMatch(
      new RegExp(
        `<form method="get" action="/practice/${topic.slug}" id="[^"]+"[^>]*>.*name="task" value="${topic.tasks.single}".*name="attempt" value="${attemptId}".*name="hints" value="1"`,
      ),
    )

    const query = `?task=${topic.tasks.single}&attempt=${attemptId}&hints=1`
    const loaded = (await show(topic.slug, cookie, query)).body as Shown
    expect(loaded).toMatchObject({ attemptId, shown: { task: { id: topic.tasks.single }, hints: ['Think of a dog.'] } })
    const { html } = await renderPage(page, PATTERN, request(`/practice/${topic.slug}${query}`, { cookie }))
    expect(html).toContain('Think of a dog.')
    expect(html).not.toContain('More than three.')
    expect(html).toContain('<input type="hidden" name="hintUsed" value="1"/>')
    expect(html).toContain(`name="attemptId" value="${attemptId}"`)
    expect(html).toContain('Show another hint')
  })

  it('offers a fresh attempt id when the one in the URL was already used', async () => {
    const topic = await createPracticeTopic()
    const { cookie } = await learner()
    const attemptId = ulid()
    await answer(topic.slug, cookie, { taskId: topic.tasks.single, attemptId, answer: SECRET.single.right })
    const loaded = (await show(topic.slug, cookie, `?task=${topic.tasks.single}&attempt=${attemptId}`)).body as Shown
    expect(loaded.attemptId).not.toBe(attemptId)
  })

  it('answers 404 for an unknown topic, an unknown task and a task of another topic', async () => {
    const topic = await createPracticeTopic()
    const other = await createPracticeTopic()
    const { cookie } = await learner()
    expect((await show('no-such-topic', cookie)).status).toBe(404)
    expect((await show(topic.slug, cookie, '?task=no.such.task')).status).toBe(404)
    expect((await show(topic.slug, cookie, `?task=${other.tasks.single}`)).status).toBe(404)
  })
})

describe('answering', () => {
  it('records a correct answer and renders the feedback: verdict, answer, explanation, XP breakdown, level, next review', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    const attemptId = ulid()
    const form = { taskId: topic.tasks.single, attemptId, answer: SECRET.single.right }
    const result = await answer(topic.slug, user.cookie, form)
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({
      ok: true,
      feedback: {
        isCorrect: true,
        replayed: false,
        correctAnswer: 'Four',
        explanation: SECRET.single.explanation,
        xp: { earned: 10 },
        topic: { currentXp: 10, level: 1 },
      },
    })
    expect((result.body as Answered).feedback.xp.breakdown.length).toBeGreaterThan(0)

    const other = await learner()
    const { status, html } = await renderPage(
      page,
      PATTERN,
      request(`/practice/${topic.slug}`, { cookie: other.cookie, form: { ...form, attemptId: ulid() } }),
    )
    expect(status).toBe(200)
    expect(html).toContain('Correct!')
    expect(html).toContain(SECRET.single.explanation)
    expect(html).toContain('+10 XP')
    expect(html).toMatch(/<table class="practice-breakdown">/)
    expect(html).toContain('comes back for review')
    expect(html).toContain('<li><span class="concept">Single</span>: Proficient (99%)</li>')
    expect(html).toContain(`href="/practice/${topic.slug}?after=${encodeURIComponent(topic.tasks.single)}"`)
  })

  it('shows on the feedback, without JavaScript, the quest step the answer ticked and the achievement it unlocked, once', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    onTestFinished(clearAchievements) // the catalogue is shared by the file's other tests
    await createAchievement('practice-route-first-xp', totalXp(1), { xpReward: 5, icon: '🌱' })
    await startedQuest(user.id, {
      title: 'Practice quest',
      goalKind: 'answer_tasks',
      goalTopicId: topic.topicId,
      goalCount: '1',
    })
    const post = () =>
      renderPage(
        page,
        PATTERN,
        request(`/practice/${topic.slug}`, {
          cookie: user.cookie,
          form: { taskId: topic.tasks.single, attemptId: ulid(), answer: SECRET.single.right },
        }),
      )
    const first = await post()
    expect(first.status).toBe(200)
    expect(first.html).toContain('Quest steps done')
    expect(first.html).toContain('Practice quest')
    expect(first.html).toContain('Achievement unlocked')
    expect(first.html).toContain('Name of practice-route-first-xp')
    expect(first.html).toMatch(/class="unlock-xp"> \+(<!-- -->)?5(<!-- -->)? XP/)
    // Each is set off by one answer only.
    const second = await post()
    expect(second.html).toContain('Correct!')
    expect(second.html).not.toContain('Quest steps done')
    expect(second.html).not.toContain('Name of practice-route-first-xp')
  })

  it('records a wrong answer with 0 XP and shows the right answer', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    const result = await answer(topic.slug, user.cookie, {
      taskId: topic.tasks.numeric,
      attemptId: ulid(),
      answer: SECRET.numeric.wrong,
    })
    expect(result.body).toMatchObject({
      ok: true,
      feedback: {
        isCorrect: false,
        xp: { earned: 0 },
        correctAnswer: `${SECRET.numeric.answer} (± ${SECRET.numeric.tolerance})`,
        nextReview: 'later today',
      },
    })
    expect(await prisma.userTaskAttempt.count({ where: { userId: user.id, isCorrect: false } })).toBe(1)
  })

  it('takes several ticked checkboxes as one answer', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    const body = new URLSearchParams([
      ['taskId', topic.tasks.multi],
      ['attemptId', ulid()],
      ['answer', '0'],
      ['answer', '2'],
    ])
    const req = new Request(`http://127.0.0.1:3000/practice/${topic.slug}`, {
      method: 'POST',
      headers: { cookie: user.cookie },
      body,
    })
    const result = await settle(() => route.action(args(req, { topicSlug: topic.slug })))
    expect(result.body).toMatchObject({ ok: true, feedback: { isCorrect: true } })
  })

  it('after a hint, records hintUsed and grades the review Hard', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    const attemptId = ulid()
    const result = await answer(
      topic.slug,
      user.cookie,
      { taskId: topic.tasks.single, attemptId, answer: SECRET.single.right, hintUsed: '1' },
      `?task=${topic.tasks.single}&attempt=${attemptId}&hints=1`,
    )
    expect(result.body).toMatchObject({ ok: true, feedback: { isCorrect: true } })
    const attempt = await prisma.userTaskAttempt.findUniqueOrThrow({
      where: { attemptId },
      select: { hintUsed: true, reviewLog: { select: { rating: true } } },
    })
    expect(attempt).toEqual({ hintUsed: true, reviewLog: { rating: 2 } })
  })

  it('replays a double submit of the same attempt id: the same result, one attempt row, no more XP', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    const form = { taskId: topic.tasks.single, attemptId: ulid(), answer: SECRET.single.right }
    const first = (await answer(topic.slug, user.cookie, form)).body as Answered
    const again = (await answer(topic.slug, user.cookie, form)).body as Answered
    expect(again.feedback).toMatchObject({
      replayed: true,
      isCorrect: true,
      xp: { earned: first.feedback.xp.earned },
      topic: { currentXp: first.feedback.topic.currentXp },
    })
    expect(await prisma.userTaskAttempt.count({ where: { userId: user.id } })).toBe(1)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totalXp: true } })).totalXp).toBe(
      first.feedback.xp.earned,
    )
    const { html } = await renderPage(page, PATTERN, request(`/practice/${topic.slug}`, { cookie: user.cookie, form }))
    expect(html).toContain('Nothing new was recorded')
  })

  it.each([
    ['attemptId', 'missing', { attemptId: undefined }],
    ['attemptId', 'not a ULID', { attemptId: 'not-a-ulid' }],
    ['answer', 'empty', { answer: '   ' }],
    ['answer', 'over 500 characters', { answer: 'x'.repeat(501) }],
    ['taskId', 'missing', { taskId: undefined }],
  ] as const)(
    'refuses (400) a form whose %s is %s, naming the field and writing nothing',
    async (field, _what, change) => {
      const topic = await createPracticeTopic()
      const user = await learner()
      const form: Record<string, string> = {
        taskId: topic.tasks.single,
        attemptId: ulid(),
        answer: SECRET.single.right,
      }
      for (const [key, value] of Object.entries(change)) {
        if (value === undefined) delete form[key]
        else form[key] = value
      }
      const before = await databaseSnapshot()
      const result = await answer(topic.slug, user.cookie, form)
      expect(result.status).toBe(400)
      expect(Object.keys((result.body as Refused).fieldErrors)).toEqual([field])
      expect(await databaseSnapshot()).toEqual(before)
    },
  )

  it('shows a refused answer again with the same task and attempt id and the error', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    const attemptId = ulid()
    const query = `?task=${topic.tasks.text}&attempt=${attemptId}`
    const { status, html } = await renderPage(
      page,
      PATTERN,
      request(`/practice/${topic.slug}${query}`, {
        cookie: user.cookie,
        form: { taskId: topic.tasks.text, attemptId, answer: '' },
      }),
    )
    expect(status).toBe(400)
    expect(html).toContain('Give an answer before checking it')
    expect(html).toContain(`name="attemptId" value="${attemptId}"`)
    expect(html).toContain(`name="taskId" value="${topic.tasks.text}"`)
  })

  it('answers 404 for an unknown topic, an unknown task, and a task of another topic; nothing is written', async () => {
    const topic = await createPracticeTopic()
    const other = await createPracticeTopic()
    const user = await learner()
    const before = await databaseSnapshot()
    const form = (taskId: string) => ({ taskId, attemptId: ulid(), answer: '1' })
    expect((await answer('no-such-topic', user.cookie, form(topic.tasks.single))).status).toBe(404)
    expect((await answer(topic.slug, user.cookie, form('no.such.task'))).status).toBe(404)
    expect((await answer(topic.slug, user.cookie, form(other.tasks.single))).status).toBe(404)
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('answers 409 when the attempt id belongs to another learner, and leaves their attempt alone', async () => {
    const topic = await createPracticeTopic()
    const [me, them] = [await learner(), await learner()]
    const form = { taskId: topic.tasks.single, attemptId: ulid(), answer: SECRET.single.right }
    await answer(topic.slug, them.cookie, form)
    const before = await databaseSnapshot()
    expect((await answer(topic.slug, me.cookie, { ...form, answer: SECRET.single.wrong })).status).toBe(409)
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('then offers the next task: a new one, never the one just answered while others are left', async () => {
    const topic = await createPracticeTopic()
    const user = await learner()
    await answer(topic.slug, user.cookie, {
      taskId: topic.tasks.single,
      attemptId: ulid(),
      answer: SECRET.single.right,
    })
    const next = (await show(topic.slug, user.cookie, `?after=${topic.tasks.single}`)).body as Shown
    expect(next.shown).toMatchObject({ task: { id: topic.tasks.multi }, reason: 'new' })
    expect(kindOf(next.shown!.task.id)).toBe('multi')
    expect(next.standing).toMatchObject({ currentXp: 10, level: 1 })
  })
})
