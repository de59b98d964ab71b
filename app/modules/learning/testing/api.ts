import { ORIGIN, args, cookieFor, createUser } from '#tests/support/accounts'

/**
 * Calls a JSON API route's loader (GET) or action (POST) the way the server would and
 * reads the answer: status, parsed JSON body, headers.
 */
type Handler = (a: ReturnType<typeof args>) => Promise<Response>

export async function callApi(
  handler: Handler,
  path: string,
  {
    params = {},
    cookie,
    json,
    form,
    method,
  }: {
    params?: Record<string, string>
    cookie?: string
    json?: unknown
    form?: Record<string, string>
    method?: string
  } = {},
) {
  const headers = new Headers()
  if (cookie) headers.set('cookie', cookie)
  let body: BodyInit | undefined
  if (json !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(json)
  } else if (form) body = new URLSearchParams(form)
  const request = new Request(`${ORIGIN}${path}`, { method: method ?? (body ? 'POST' : 'GET'), headers, body })
  const response = await handler(args(request, params))
  const text = await response.text()
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
    headers: response.headers,
    text,
  }
}

export async function signedIn() {
  const user = await createUser()
  return { ...user, cookie: await cookieFor(user.id) }
}
