import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerLayerOf } from '~/utils/http.server'

/**
 * Issue 11's answer layer, kept: every route's loader and action runs inside
 * `page()` or `api()` (app/utils/http.server.ts), that file alone sets Retry-After,
 * and no module under app/modules speaks HTTP (a Request in, a Response out).
 */
const routes = import.meta.glob<Record<string, unknown>>(['./*.tsx'], { eager: true })

const APP = join(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'testing' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** The code of a file without its comments (so a comment may still speak of requests). */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
}

describe('the answer layer', () => {
  it('wraps every loader and action of every route', () => {
    expect(Object.keys(routes).length).toBeGreaterThan(40)
    const unwrapped = Object.entries(routes).flatMap(([file, module]) =>
      (['loader', 'action'] as const)
        .filter((name) => name in module && !answerLayerOf(module[name]))
        .map((name) => `${file}: ${name}`),
    )
    expect(unwrapped).toEqual([])
  })

  it('is the only place that sets Retry-After', () => {
    const setters = sourceFiles(APP).filter((path) => /Retry-After/i.test(code(path)))
    expect(setters.map((path) => relative(APP, path))).toEqual(['utils/http.server.ts'])
  })

  it('keeps HTTP out of the modules: no Request taken, no Response, redirect or data answer built', () => {
    const offenders = sourceFiles(join(APP, 'modules')).flatMap((path) => {
      const text = code(path)
      const found = [
        /\bRequest\b/.test(text) && 'Request',
        /\bResponse\b/.test(text) && 'Response',
        /\bredirect\s*\(/.test(text) && 'redirect()',
        /import\s*\{[^}]*\b(data|json|redirect)\b[^}]*\}\s*from\s*'@remix-run\/node'/.test(text) &&
          'an answer helper of @remix-run/node',
        /from\s*'~\/utils\/(http|auth)\.server'/.test(text) && 'the answer layer',
      ].filter(Boolean)
      return found.length > 0 ? [`${relative(APP, path)}: ${found.join(', ')}`] : []
    })
    expect(offenders).toEqual([])
  })
})
