import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Values computed once per HTTP request and shared by its loaders (Remix hands each
 * loader a Request object of its own, so a Request cannot be the key). The Express
 * server opens a scope around each request; outside one (tests, scripts) nothing is
 * shared. Kept on globalThis: the server entry and the Remix build load separate
 * copies of this module.
 */
type Scope = Map<string, unknown>
const storage: AsyncLocalStorage<Scope> = ((
  globalThis as { __questlogRequestScope?: AsyncLocalStorage<Scope> }
).__questlogRequestScope ??= new AsyncLocalStorage<Scope>())

/** Runs `handle` (the rest of one request) inside a fresh scope. */
export function withRequestScope<T>(handle: () => T): T {
  return storage.run(new Map(), handle)
}

/** The value under `key` in this request's scope, computed by `compute` on first use. */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore()
  if (!scope) return compute()
  if (!scope.has(key)) scope.set(key, compute())
  return scope.get(key) as T
}
