/**
 * The Remix build the floor server of `npm run bench:pages` serves (see pages-floor-hooks.mjs):
 * the real production build, whose loaders (root's and every route's) answer a GET from memory.
 * The first GET of a page for a given cookie runs the real loader, against the database, and keeps
 * the data it returned; every later GET of that page with that cookie gets the very same value without
 * calling the loader (a loader that answers with a Response runs every time). Everything else is the production build: route matching, meta, the
 * single-fetch encoding of the data, entry.server's streaming render, and the Express server
 * around it.
 */
import type { LoaderFunction, ServerBuild } from '@remix-run/node'

const real = (await import(
  /* @vite-ignore */ `${new URL('../../build/server/index.js', import.meta.url).href}?floor`
)) as ServerBuild

const EXPORTS = [
  'assets',
  'assetsBuildDirectory',
  'basename',
  'entry',
  'future',
  'isSpaMode',
  'mode',
  'publicPath',
  'routes',
]
const unknown = Object.keys(real).filter((name) => !EXPORTS.includes(name))
if (unknown.length > 0)
  throw new Error(`pages-floor-build.ts does not re-export ${unknown.join(', ')} of the server build: add them`)

const captured = new Map<string, Promise<unknown>>()

function fromMemory(routeId: string, loader: LoaderFunction): LoaderFunction {
  return async (args) => {
    if (args.request.method !== 'GET') return loader(args)
    const key = `${routeId} ${args.request.url} ${args.request.headers.get('cookie') ?? ''}`
    const kept = captured.get(key)
    if (kept) return kept as ReturnType<LoaderFunction>
    // A Response (the health check's, a redirect) or an error is not kept: its body can be read once.
    const value = await loader(args)
    if (value instanceof Response) return value
    if (!captured.has(key)) {
      captured.set(key, Promise.resolve(value))
      console.log(`bench-floor: captured ${routeId} ${new URL(args.request.url).pathname}`)
    }
    return value
  }
}

export const routes: ServerBuild['routes'] = Object.fromEntries(
  Object.entries(real.routes).map(([id, route]) => {
    const loader = route?.module.loader
    return [id, route && loader ? { ...route, module: { ...route.module, loader: fromMemory(id, loader) } } : route]
  }),
)
export const { assets, assetsBuildDirectory, basename, entry, future, isSpaMode, mode, publicPath } = real
