import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Values computed once per HTTP request and shared by its loaders (Remix hands each
 * loader a Request object of its own, so a Request cannot be the key). The Express
 * server opens a scope around each request; outside one (tests, scripts) nothing is
 * shared. Kept on globalThis: the server entry and the Remix build load separate
 * copies of this module.
 */
type Scope = Map<string | symbol, unknown>
const storage: AsyncLocalStorage<Scope> = ((
  globalThis as { __questlogRequestScope?: AsyncLocalStorage<Scope> }
).__questlogRequestScope ??= new AsyncLocalStorage<Scope>())

const PAGE = Symbol('page')

/** Runs `handle` (the rest of one request) inside a fresh scope; `page` marks a GET someone is waiting to see. */
export function withRequestScope<T>(handle: () => T, { page = false } = {}): T {
  const scope: Scope = new Map()
  if (page) scope.set(PAGE, true)
  return storage.run(scope, handle)
}

/** Whether this code runs for a page request (page-priority.server.ts). */
export const inPageRequest = () => storage.getStore()?.has(PAGE) === true

/** The value under `key` in this request's scope, computed by `compute` on first use. */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore()
  if (!scope) return compute()
  if (!scope.has(key)) scope.set(key, compute())
  return scope.get(key) as T
}
