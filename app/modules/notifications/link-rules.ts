/**
 * A notification's link is followed only inside the app: a path of this origin ("/achievements"),
 * never an outside URL, a protocol-relative "//host" or a backslash trick ("/\host").
 */
export function safeInAppPath(link: string | null): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.includes('\\')) return null
  if (/[\u0000-\u001f\u007f]/.test(link)) return null
  try {
    const url = new URL(link, 'http://in-app.invalid')
    return url.origin === 'http://in-app.invalid' ? `${url.pathname}${url.search}${url.hash}` : null
  } catch {
    return null
  }
}
