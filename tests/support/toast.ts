import { type Toast, takeToast } from '~/utils/http.server'

/** The toast an answer carries to the next page (its Set-Cookie), read back the way the root loader reads it. */
export async function toastIn(headers: Headers): Promise<Toast | null> {
  const cookie = headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return (await takeToast(new Request('http://127.0.0.1:3000/', { headers: { cookie } }))).toast
}
