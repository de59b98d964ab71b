import type { AppLoadContext } from '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The client's address, as the server decided it (see CLIENT_IP_HEADER). Absent in direct calls. */
    clientIp?: string
  }
}

/** Who is asking, for rate limits, sessions and the audit log. */
export interface RequestOrigin {
  ip: string
  userAgent: string | null
}

export function requestOrigin(request: Request, context: AppLoadContext | undefined): RequestOrigin {
  return {
    ip: context?.clientIp ?? 'unknown',
    userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
  }
}

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
