/**
 * The Remix build the floor server of `npm run bench:pages` serves (see pages-floor-hooks.mjs):
 * the real production build, whose loaders (root's and every route's) answer a GET from memory.
 * The first GET of a page for a given cookie runs the real loader, against the database, and keeps
 * what it returned; every later GET of that page with that cookie gets the very same value without
 * calling the loader. Everything else is the production build: route matching, meta, the
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
  return (args) => {
    if (args.request.method !== 'GET') return loader(args)
    const key = `${routeId} ${args.request.url} ${args.request.headers.get('cookie') ?? ''}`
    let value = captured.get(key)
    if (!value) {
      value = Promise.resolve(loader(args)).then((result) => {
        // A Response's body can be read once: a benchmarked page's loader returns data.
        if (result instanceof Response)
          throw new Error(`the floor cannot keep the Response that ${routeId}'s loader returned`)
        return result
      })
      captured.set(key, value)
      // Errors and redirects (a thrown Response) are not kept: the next request asks the loader again.
      value.then(
        () => console.log(`bench-floor: captured ${routeId} ${new URL(args.request.url).pathname}`),
        () => captured.delete(key),
      )
    }
    return value as ReturnType<LoaderFunction>
  }
}

export const routes: ServerBuild['routes'] = Object.fromEntries(
  Object.entries(real.routes).map(([id, route]) => {
    const loader = route?.module.loader
    return [id, route && loader ? { ...route, module: { ...route.module, loader: fromMemory(id, loader) } } : route]
  }),
)
export const { assets, assetsBuildDirectory, basename, entry, future, isSpaMode, mode, publicPath } = real
