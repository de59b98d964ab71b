import { describe, expect, it } from 'vitest'
import { recordAudit } from '~/modules/system/audit.server'
import { args, cookieFor, createUser, request, settle } from '../../tests/support/accounts'
import { loader } from './admin.audit'

type Page = { events: { action: string; actor: string; details: string }[] }

describe('/admin/audit', () => {
  it('shows platform staff the newest events, filtered by family, without secrets', async () => {
    const admin = await createUser({ role: 'admin' })
    const learner = await createUser()
    await recordAudit({ action: 'auth.login.failed', targetType: 'User', metadata: { email: 'who@example.com', password: 'hunter2' } })
    await recordAudit({ action: 'team.member.removed', actorId: learner.id, targetType: 'TeamMember', metadata: { role: 'member' } })
    const cookie = await cookieFor(admin.id)

    const all = (await settle(() => loader(args(request('/admin/audit', { cookie }))))).body as Page
    expect(all.events.map((e) => e.action)).toEqual(['team.member.removed', 'auth.login.failed'])
    expect(all.events[0]!.actor).toBe(learner.username)
    expect(JSON.stringify(all)).not.toContain('hunter2')

    const auth = (await settle(() => loader(args(request('/admin/audit?family=auth', { cookie }))))).body as Page
    expect(auth.events.map((e) => e.action)).toEqual(['auth.login.failed'])
  })

  it('answers 400 naming the parameter for an unknown family', async () => {
    const admin = await createUser({ role: 'admin' })
    const res = await settle(async () => loader(args(request('/admin/audit?family=billing', { cookie: await cookieFor(admin.id) }))))
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('family')
  })
})
