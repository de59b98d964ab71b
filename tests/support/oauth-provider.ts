import { createHash, randomBytes } from 'node:crypto'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback OAuth 2 provider for tests, speaking both GitHub's and Google's dialect:
 *   GET  /authorize    checks the client and the PKCE challenge, then sends the browser back
 *                      to redirect_uri with a one-time code and the state it was given;
 *   POST /token        exchanges the code only for the right client, redirect_uri and a
 *                      code_verifier whose SHA-256 (base64url) is the code_challenge (S256);
 *   GET  /user, /user/emails   GitHub's REST API for the token's person;
 *   GET  /userinfo     Google's OpenID Connect userinfo for the token's person.
 * The person who "logs in" at the provider is whoever `signInAs` named last.
 * No module of the app is imported: the Playwright spec starts this too.
 */
export interface ProviderPerson {
  /** GitHub's numeric id / Google's sub */
  id: string
  login: string
  name: string
  email: string | null
  emailVerified: boolean
}

export interface LoopbackProvider {
  url: string
  clientId: string
  clientSecret: string
  signInAs(person: ProviderPerson): void
  /** the next authorization is refused by the person (error=access_denied) */
  denyNext(): void
  /** every /token request and how it was answered */
  tokenRequests: { codeVerifier: string | null; status: number }[]
  close(): Promise<void>
}

interface Grant {
  person: ProviderPerson
  challenge: string
  redirectUri: string
}

export async function startLoopbackProvider(
  options: { port?: number; clientId?: string; clientSecret?: string } = {},
): Promise<LoopbackProvider> {
  const clientId = options.clientId ?? 'loopback-client'
  const clientSecret = options.clientSecret ?? 'loopback-secret'
  let person: ProviderPerson | null = null
  let deny = false
  const codes = new Map<string, Grant>()
  const tokens = new Map<string, ProviderPerson>()
  const tokenRequests: LoopbackProvider['tokenRequests'] = []

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

  const authorize = (url: URL, res: ServerResponse) => {
    const q = url.searchParams
    const redirectUri = q.get('redirect_uri')
    const state = q.get('state')
    const challenge = q.get('code_challenge')
    if (
      q.get('response_type') !== 'code' ||
      q.get('client_id') !== clientId ||
      !redirectUri ||
      !state ||
      !challenge ||
      q.get('code_challenge_method') !== 'S256'
    )
      return send(res, 400, { error: 'invalid_request' })
    const back = new URL(redirectUri)
    back.searchParams.set('state', state)
    if (deny || !person) {
      deny = false
      back.searchParams.set('error', 'access_denied')
    } else {
      const code = randomBytes(16).toString('hex')
      codes.set(code, { person, challenge, redirectUri })
      back.searchParams.set('code', code)
    }
    res.writeHead(302, { location: back.toString() })
    res.end()
  }

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const body = new URLSearchParams(await readBody(req))
    const verifier = body.get('code_verifier')
    const answer = (status: number, payload: unknown) => {
      tokenRequests.push({ codeVerifier: verifier, status })
      send(res, status, payload)
    }
    const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1]
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent)
      : [body.get('client_id'), body.get('client_secret')]
    if (id !== clientId || secret !== clientSecret) return answer(401, { error: 'invalid_client' })
    const code = body.get('code') ?? ''
    const grant = codes.get(code)
    codes.delete(code) // a code is good for one exchange, right or wrong
    if (body.get('grant_type') !== 'authorization_code' || !grant) return answer(400, { error: 'invalid_grant' })
    if (body.get('redirect_uri') !== grant.redirectUri) return answer(400, { error: 'invalid_grant' })
    const expected = verifier ? createHash('sha256').update(verifier).digest('base64url') : null
    if (expected !== grant.challenge)
      return answer(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' })
    const accessToken = randomBytes(20).toString('hex')
    tokens.set(accessToken, grant.person)
    answer(200, { access_token: accessToken, token_type: 'bearer', scope: 'read:user user:email' })
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://loopback')
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res)
    if (req.method === 'POST' && url.pathname === '/token') {
      token(req, res).catch(() => send(res, 500, { error: 'server_error' }))
      return
    }
    const who = tokens.get(req.headers.authorization?.replace(/^Bearer /, '') ?? '')
    if (req.method !== 'GET') return send(res, 405, { error: 'method not allowed' })
    if (!who) return send(res, 401, { message: 'Bad credentials' })
    if (url.pathname === '/user') return send(res, 200, { id: Number(who.id), login: who.login, name: who.name })
    if (url.pathname === '/user/emails')
      return send(res, 200, who.email ? [{ email: who.email, primary: true, verified: who.emailVerified }] : [])
    if (url.pathname === '/userinfo')
      return send(res, 200, {
        sub: who.id,
        name: who.name,
        ...(who.email ? { email: who.email, email_verified: who.emailVerified } : {}),
      })
    send(res, 404, { message: 'Not Found' })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    signInAs(next) {
      person = next
    },
    denyNext() {
      deny = true
    },
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (text += chunk))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}

/** The environment that points the app's GitHub and Google sign-in at this provider. */
export function loopbackProviderEnv(provider: Pick<LoopbackProvider, 'url' | 'clientId' | 'clientSecret'>) {
  return {
    GITHUB_CLIENT_ID: provider.clientId,
    GITHUB_CLIENT_SECRET: provider.clientSecret,
    GITHUB_AUTHORIZE_URL: `${provider.url}/authorize`,
    GITHUB_TOKEN_URL: `${provider.url}/token`,
    GITHUB_API_URL: provider.url,
    GOOGLE_CLIENT_ID: provider.clientId,
    GOOGLE_CLIENT_SECRET: provider.clientSecret,
    GOOGLE_AUTHORIZE_URL: `${provider.url}/authorize`,
    GOOGLE_TOKEN_URL: `${provider.url}/token`,
    GOOGLE_USERINFO_URL: `${provider.url}/userinfo`,
  }
}
