import { describe, expect, it } from 'vitest'
import { deletedEmail } from '~/modules/accounts/privacy.server'
import { recordAudit } from '~/modules/system/audit.server'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { loader } from './admin.audit'

type Page = { events: { action: string; actor: string; details: string }[] }

describe('/admin/audit', () => {
  it('shows platform staff the newest events, filtered by family, without secrets', async () => {
    const admin = await createUser({ role: 'admin' })
    const learner = await createUser()
    await recordAudit({
      action: 'auth.login.failed',
      targetType: 'User',
      metadata: { email: 'who@example.com', password: 'hunter2' },
    })
    await recordAudit({
      action: 'team.member.removed',
      actorId: learner.id,
      targetType: 'TeamMember',
      metadata: { role: 'member' },
    })
    const cookie = await cookieFor(admin.id)

    const all = (await settle(() => loader(args(request('/admin/audit', { cookie }))))).body as Page
    expect(all.events.map((e) => e.action)).toEqual(['team.member.removed', 'auth.login.failed'])
    expect(all.events[0]!.actor).toBe(learner.username)
    expect(all.events[1]!.actor).toBe('—')
    expect(JSON.stringify(all)).not.toContain('hunter2')

    const auth = (await settle(() => loader(args(request('/admin/audit?family=auth', { cookie }))))).body as Page
    expect(auth.events.map((e) => e.action)).toEqual(['auth.login.failed'])
  })

  it('shows an anonymised actor as Deleted User, not the placeholder address', async () => {
    const admin = await createUser({ role: 'admin' })
    const gone = await createUser()
    await recordAudit({ action: 'user.deleted', actorId: gone.id, targetType: 'User', targetId: gone.id })
    await prisma.user.update({
      where: { id: gone.id },
      data: { email: deletedEmail(gone.id), username: null, name: 'Deleted User', anonymizedAt: new Date() },
    })
    const page = (
      await settle(async () => loader(args(request('/admin/audit?family=user', { cookie: await cookieFor(admin.id) }))))
    ).body as Page
    expect(page.events.filter((e) => e.action === 'user.deleted').map((e) => e.actor)).toEqual(['Deleted User'])
  })

  it('answers 400 naming the parameter for an unknown family', async () => {
    const admin = await createUser({ role: 'admin' })
    const res = await settle(async () =>
      loader(args(request('/admin/audit?family=billing', { cookie: await cookieFor(admin.id) }))),
    )
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('family')
  })
})
