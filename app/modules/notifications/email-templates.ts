/**
 * E-mails as plain text plus a simple HTML version. Every message has a
 * greeting, a few paragraphs and at most one action link.
 */
export interface EmailContent {
  subject: string
  text: string
  html: string
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function renderEmail({
  subject,
  paragraphs,
  action,
  footer = 'If you did not expect this e-mail, you can ignore it.',
}: {
  subject: string
  paragraphs: string[]
  action?: { label: string; url: string }
  footer?: string
}): EmailContent {
  const text = [
    ...paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    '',
    footer,
    '',
    '— Questlog',
  ].join('\n\n')
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    action ? `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>` : '',
    `<p style="color:#555">${escapeHtml(footer)}</p>`,
    '<p>— Questlog</p>',
  ].join('\n')
  return { subject, text, html }
}
