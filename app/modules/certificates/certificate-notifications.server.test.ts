import { describe, expect, it } from 'vitest'
import { teamAccess } from '~/modules/teams/access.server'
import { type Person, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { getSessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { request } from '#tests/support/accounts'
import { autoIssueCertificates, issueCertificate } from './certificates.server'
import { createDefinition, seedMastery, taskTeaching } from './testing/fixtures'

async function accessAs(who: Person, teamId: string) {
  return teamAccess((await getSessionUser(request('/', { cookie: who.cookie })))!, teamId, 'read:team:own-team')
}

const notificationsIn = (team: { owner: Person; admin: Person; instructor: Person; member: Person }) =>
  prisma.notification.findMany({
    where: { userId: { in: [team.owner.id, team.admin.id, team.instructor.id, team.member.id] } },
    select: { userId: true, type: true, eventKey: true, title: true, link: true },
  })

describe('the certificate notification', () => {
  it('goes to the holder once, however many admins press the button at the same time', async () => {
    const world = await teamWithEveryRole()
    const { team, admin, owner, member } = world
    await taskTeaching(['cert.note'])
    await seedMastery(member.id, 'cert.note')
    const { id: definitionId } = await createDefinition(team.id, { name: 'Note taker', concepts: ['cert.note'] })
    await Promise.allSettled([
      issueCertificate(await accessAs(admin, team.id), { definitionId, userId: member.id }),
      issueCertificate(await accessAs(owner, team.id), { definitionId, userId: member.id }),
    ])
    const certificate = await prisma.teamCertificate.findFirstOrThrow({ where: { definitionId } })
    expect(await notificationsIn(world)).toEqual([
      {
        userId: member.id,
        type: 'certificate_issued',
        eventKey: `certificate:${certificate.id}`,
        title: 'Certificate issued: Note taker',
        link: `/certificates/${certificate.id}`,
      },
    ])
  })

  it('is made by an automatic issue too, once', async () => {
    const world = await teamWithEveryRole()
    const { team, member } = world
    await taskTeaching(['cert.note-auto'])
    await seedMastery(member.id, 'cert.note-auto')
    await createDefinition(team.id, { name: 'Auto', concepts: ['cert.note-auto'], autoIssue: true })
    await Promise.all([autoIssueCertificates(member.id, new Date()), autoIssueCertificates(member.id, new Date())])
    await autoIssueCertificates(member.id, new Date())
    const certificate = await prisma.teamCertificate.findFirstOrThrow({ where: { teamId: team.id } })
    expect((await notificationsIn(world)).map((n) => [n.userId, n.eventKey])).toEqual([
      [member.id, `certificate:${certificate.id}`],
    ])
  })

  it('is not made when the issue is refused', async () => {
    const world = await teamWithEveryRole()
    const { team, admin, member } = world
    await taskTeaching(['cert.note-short'])
    await seedMastery(member.id, 'cert.note-short', 'familiar', 60)
    const { id: definitionId } = await createDefinition(team.id, { concepts: ['cert.note-short'] })
    await expect(
      issueCertificate(await accessAs(admin, team.id), { definitionId, userId: member.id }),
    ).rejects.toThrow()
    expect(await notificationsIn(world)).toEqual([])
  })
})
