import { describe, expect, it } from 'vitest'
import { createDefinition, seedMastery, taskTeaching } from '~/modules/certificates/testing/fixtures'
import { issueCertificate, revokeCertificate } from '~/modules/certificates/certificates.server'
import { teamAccess } from '~/modules/teams/access.server'
import { get, person, post, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { getSessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { request } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as myCertificatesPage from './certificates._index'
import * as pdfRoute from './certificates.$id[.pdf]'
import * as printablePage from './certificates.$id'
import * as verifyPage from './certificates.verify.$code'
import * as teamCertificatesApi from './api.teams.$teamId.certificates'
import * as teamCertificatesPage from './teams.$teamId.certificates'

/** A member of "Verifiers" holding a certificate the admin issued; also the team around it. */
async function issued() {
  const world = await teamWithEveryRole('Verifiers')
  await prisma.user.update({ where: { id: world.member.id }, data: { name: 'Ada Lovelace' }, select: { id: true } })
  await taskTeaching(['verify.page'])
  await seedMastery(world.member.id, 'verify.page')
  const definition = await createDefinition(world.team.id, { name: 'Page certified', concepts: ['verify.page'] })
  const access = await teamAccess(
    (await getSessionUser(request('/', { cookie: world.admin.cookie })))!,
    world.team.id,
    'read:team:own-team',
  )
  const { id } = await issueCertificate(access, { definitionId: definition.id, userId: world.member.id })
  const { code } = await prisma.teamCertificate.findUniqueOrThrow({ where: { id }, select: { code: true } })
  return { ...world, access, certificateId: id, code }
}

const verify = (code: string, cookie?: string) => get(verifyPage, `/certificates/verify/${code}`, { code }, cookie)

describe('the public verify page', () => {
  it('opens signed out and shows only the holder’s name, the team, the date and the evidence — no e-mail, id or other field', async () => {
    const w = await issued()
    const before = await databaseSnapshot()
    const page = await verify(w.code)
    expect(await databaseSnapshot()).toEqual(before)
    expect(page.status).toBe(200)
    const data = page.body as Awaited<ReturnType<typeof verifyPage.loader>>
    expect(data.timeZone).toBe('UTC')
    expect(Object.keys(data.certificate).sort()).toEqual(
      ['evidence', 'expiresAt', 'holderName', 'issuedAt', 'revoked', 'teamName', 'title'].sort(),
    )
    expect(data.certificate).toMatchObject({
      title: 'Page certified',
      holderName: 'Ada Lovelace',
      teamName: 'Verifiers',
      revoked: null,
    })
    expect(Object.keys(data.certificate.evidence!.concepts[0]!).sort()).toEqual(
      ['attempts', 'concept', 'firstAttemptAt', 'lastAttemptAt', 'level', 'mastery', 'recall'].sort(),
    )
    const text = JSON.stringify(page.body)
    const member = await prisma.user.findUniqueOrThrow({ where: { id: w.member.id } })
    for (const secret of [
      member.id,
      member.email,
      member.username!,
      member.timezone === 'UTC' ? null : member.timezone,
      w.team.id,
      w.admin.id,
      w.admin.email,
      w.certificateId,
      w.owner.name,
    ].filter(Boolean) as string[])
      expect(text).not.toContain(secret)
  })

  it('says "revoked" with the reason once an admin revoked it, and still opens', async () => {
    const w = await issued()
    await revokeCertificate(w.access, { certificateId: w.certificateId, reason: 'Assessment was invalid' })
    const page = await verify(w.code.toUpperCase())
    expect(page.status).toBe(200)
    const data = page.body as Awaited<ReturnType<typeof verifyPage.loader>>
    expect(data.certificate.revoked).toEqual({ at: expect.any(String), reason: 'Assessment was invalid' })
  })

  it('answers 404 for an unknown or malformed code', async () => {
    for (const code of ['a'.repeat(26), 'not-a-code', '1'.repeat(26)])
      expect((await verify(code)).status, code).toBe(404)
  })
})

describe('the holder’s pages', () => {
  it('list, print and download only the learner’s own certificates (anyone else’s: 404)', async () => {
    const w = await issued()
    const list = await get(myCertificatesPage, '/certificates', {}, w.member.cookie)
    expect(JSON.stringify(list.body)).toContain(w.certificateId)
    const othersList = await get(myCertificatesPage, '/certificates', {}, w.admin.cookie)
    expect(JSON.stringify(othersList.body)).not.toContain(w.certificateId)

    const params = { id: w.certificateId }
    const printable = await get(printablePage, `/certificates/${w.certificateId}`, params, w.member.cookie)
    expect(printable.status).toBe(200)
    expect((printable.body as { verifyUrl: string }).verifyUrl).toBe(
      `http://127.0.0.1:3000/certificates/verify/${w.code}`,
    )
    for (const who of [w.admin, w.owner, await person()])
      expect((await get(printablePage, `/certificates/${w.certificateId}`, params, who.cookie)).status).toBe(404)

    const pdf = await get(pdfRoute, `/certificates/${w.certificateId}.pdf`, params, w.member.cookie)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="certificate-Page-certified.pdf"')
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true)
    expect((await get(pdfRoute, `/certificates/${w.certificateId}.pdf`, params, w.admin.cookie)).status).toBe(404)
  })
})

describe('a team’s certificate list', () => {
  it('is never shown to a member of another team, a plain member or a learner in no team (403), page or API', async () => {
    const w = await issued()
    const other = await teamWithEveryRole('Elsewhere')
    const path = `/teams/${w.team.id}/certificates`
    const params = { teamId: w.team.id }
    for (const outsider of [other.owner, other.admin, other.member, w.member, await person()]) {
      const pageAnswer = await get(teamCertificatesPage, path, params, outsider.cookie)
      expect(pageAnswer.status).toBe(403)
      const apiAnswer = await get(teamCertificatesApi, `/api${path}`, params, outsider.cookie)
      expect(apiAnswer.status).toBe(403)
      expect(apiAnswer.body).toEqual({ error: expect.any(String) })
      for (const answer of [pageAnswer, apiAnswer]) {
        expect(JSON.stringify(answer.body)).not.toContain(w.code)
        expect(JSON.stringify(answer.body)).not.toContain('Page certified')
      }
    }
    expect((await get(teamCertificatesApi, `/api${path}`, params)).status).toBe(401)

    const mine = await get(teamCertificatesApi, `/api${path}`, params, w.admin.cookie)
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({
      team: { id: w.team.id, name: 'Verifiers' },
      canManage: true,
      definitions: [{ name: 'Page certified', concepts: ['verify.page'], issued: 1, eligible: [] }],
      certificates: [{ id: w.certificateId, holder: 'Ada Lovelace', verifyPath: `/certificates/verify/${w.code}` }],
    })
  })

  it('takes the admin’s forms: define, issue, revoke — and shows a refused one again with its errors', async () => {
    const w = await issued()
    const path = `/teams/${w.team.id}/certificates`
    const params = { teamId: w.team.id }
    const refused = await post(teamCertificatesPage, path, params, w.admin.cookie, {
      intent: 'certificate-define',
      name: 'Unknown topics',
      topics: 'no-such-topic',
    })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ intent: 'certificate-define', fieldErrors: { topics: [expect.any(String)] } })
    const revoked = await post(teamCertificatesPage, path, params, w.admin.cookie, {
      intent: 'certificate-revoke',
      certificateId: w.certificateId,
      reason: 'Shared their account',
    })
    expect(revoked.status).toBe(302)
    expect(revoked.headers.get('location')).toBe(`/teams/${w.team.id}#certificates`)
    expect(((await verify(w.code)).body as { certificate: { revoked: unknown } }).certificate.revoked).toMatchObject({
      reason: 'Shared their account',
    })
  })
})
