/**
 * The floor server of `npm run bench:pages` is the production server (server/index.ts) with
 * one difference: its Remix build is scripts/bench/pages-floor-build.ts, which wraps the real
 * build's loaders so that they answer from memory. This module-resolution hook makes that
 * switch; pages.ts loads it with `--import <this file>` after tsx's, in that process only (registered
 * before tsx, the server hangs importing the build).
 */
import { register } from 'node:module'
import { isMainThread } from 'node:worker_threads'

const REAL_BUILD = new URL('../../build/server/index.js', import.meta.url).href
const FLOOR_BUILD = new URL('./pages-floor-build.ts', import.meta.url).href

// The hooks run in a thread of their own, which loads this file again.
if (isMainThread) register(import.meta.url)

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  // Only the server's import of the build; the floor build imports the real one with a query string.
  return resolved.url === REAL_BUILD ? { ...resolved, url: FLOOR_BUILD, shortCircuit: true } : resolved
}
