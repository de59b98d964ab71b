import { prisma } from '~/utils/db.server'

/**
 * Reading the e-mails a test caused, as a person would: from the outbox that
 * the dev mailbox shows.
 */
export function emailsTo(address: string) {
  return prisma.outboundEmail.findMany({
    where: { to: address },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, to: true, subject: true, text: true, template: true, status: true, userId: true },
  })
}

export async function latestEmailTo(address: string) {
  const [latest] = await emailsTo(address)
  if (!latest) throw new Error(`no e-mail to ${address}`)
  return latest
}

/** The token of the first link to `path` in an e-mail's text, e.g. linkToken(text, '/verify-email'). */
export function linkToken(text: string, path: string): string {
  const link = text
    .match(/https?:\/\/\S+/g)
    ?.map((href) => new URL(href))
    .find((url) => url.pathname === path)
  const token = link?.searchParams.get('token')
  if (!token) throw new Error(`no ${path} link with a token in:\n${text}`)
  return token
}
