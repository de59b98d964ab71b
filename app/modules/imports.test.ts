import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The import graph has no circle (issue 11, "Acyclic imports"):
 *  (a) no file under app/ reaches itself through its imports — `import type` and `export … from`
 *      count, since a circle of types is still a circle for a reader;
 *  (b) no module (a folder of app/modules) depends on itself through other modules. A module
 *      depends on another when one of its files imports a file of the other, directly or through
 *      files of no module (app/utils, components, composition files). Test files
 *      (`*.test.ts(x)`) and test fixtures (`<module>/testing/`) are left out of this graph: they
 *      seed and read rows of several modules, like tests/support. The files directly in
 *      app/modules (the composition files, e.g. user-data.server.ts, scheduled-jobs.server.ts)
 *      belong to no module.
 *
 * The directions (a module may depend on those after the arrow, never back):
 *   system        → no module: the audit log, feedback and the scheduler are for everyone; each
 *                   module exports its scheduled jobs, listed in app/modules/scheduled-jobs.server.ts
 *   notifications → system, never another: modules hand it their events (notify.server.ts)
 *   content       → system
 *   accounts      → system, notifications, content
 *   billing       → accounts, system (checkout's team authorisation is the route's)
 *   teams         → billing (the plan a membership gives), accounts, system, notifications, content
 *   learning      → teams, accounts, content, notifications (the reminders), system
 *   quests        → learning, teams, accounts, content, system
 *   achievements  → quests, learning, accounts, notifications, content, system (quest counts are read
 *                   from the Quest table, not through quests' code; an unlock notifies in its batch)
 *   challenges    → learning, teams, accounts, content, notifications, system (weekly leagues live here too)
 *   certificates  → learning, teams, accounts, content, notifications, system
 *   knowledge     → teams, accounts, content, notifications, system
 *   tutor         → knowledge, learning (review cards from a cited passage; mastery for the
 *                   show_mastery tool), billing, teams, accounts, content, system
 *   search        → knowledge (its read scope); reads the FTS tables of content, learning, quests
 * A new module finds its place in this order; the composition files, routes and server/ may use any.
 */

const ROOT = resolve(import.meta.dirname, '..', '..')
const APP = join(ROOT, 'app')
const SKIP_DIRS = new Set([join(APP, 'generated')])
const SOURCE = /\.(ts|tsx)$/
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx']

/** Every .ts/.tsx file under `dir`, as paths relative to the repository root. */
function sourceFiles(dir: string): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (!SKIP_DIRS.has(path) && name !== 'node_modules') files.push(...sourceFiles(path))
    } else if (SOURCE.test(name)) {
      files.push(relative(ROOT, path))
    }
  }
  return files
}

/** The file an import names, relative to the root; null for a package or a non-source file (css, svg …). */
function resolveImport(from: string, specifier: string): string | null {
  let base: string
  if (specifier.startsWith('~/')) base = join(APP, specifier.slice(2))
  else if (specifier.startsWith('.')) base = resolve(ROOT, dirname(from), specifier)
  else return null
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    if (SOURCE.test(candidate) && existsSync(candidate) && statSync(candidate).isFile())
      return relative(ROOT, candidate)
  }
  return null
}

/** What a file imports (static, type-only, re-exports and `import()` calls), resolved to files under the root. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true)
  const targets = info.importedFiles.map((imported) => resolveImport(file, imported.fileName))
  return [...new Set(targets.filter((target): target is string => target !== null))]
}

type Graph = Map<string, string[]>

/** One circle of the graph, as `a → b → c → a`, or null when it has none (depth-first, visiting nodes in sorted order). */
function findCycle(graph: Graph): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  function visit(node: string): string[] | null {
    state.set(node, 'open')
    path.push(node)
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const seen = state.get(next)
      if (seen === 'open') return [...path.slice(path.indexOf(next)), next]
      if (seen === undefined) {
        const cycle = visit(next)
        if (cycle) return cycle
      }
    }
    path.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

/** Every circle, one per set of nodes that reach each other (a strongly connected component), for a full report. */
function allCycles(graph: Graph): string[][] {
  const cycles: string[][] = []
  const remaining = new Map(graph)
  for (;;) {
    const cycle = findCycle(remaining)
    if (!cycle) return cycles
    cycles.push(cycle)
    // Cut the circle's last edge and look again: another circle through the same files is reported too.
    const [from, to] = cycle.slice(-2) as [string, string]
    remaining.set(
      from,
      (remaining.get(from) ?? []).filter((next) => next !== to),
    )
  }
}

const describeCycle = (cycle: string[]) => cycle.join(' → ')

const MODULE_FILE = /^app\/modules\/([^/]+)\/(.+)$/
const isTestFile = (file: string) => /\.test\.tsx?$/.test(file)

/** The module whose folder holds the file (null for routes, utils and app/modules' composition files). */
function moduleOf(file: string): string | null {
  return MODULE_FILE.exec(file)?.[1] ?? null
}

/** Whether the file's imports count in the module graph: not a test and not a module's test fixture. */
const inModuleGraph = (file: string) => !isTestFile(file) && !/^app\/modules\/[^/]+\/testing\//.test(file)

/**
 * The module graph. A module depends on another when one of its files imports a file of the
 * other, directly or through files of no module (a util, a component, a composition file): a
 * detour through app/utils does not hide a dependency.
 */
function moduleGraph(files: Graph): { graph: Graph; because: Map<string, string[]> } {
  const graph: Graph = new Map()
  /** "a → b" → the chains of imports that make the edge (one per importing file), for the failure message */
  const because = new Map<string, string[]>()
  for (const [file, targets] of files) {
    const from = moduleOf(file)
    if (!from || !inModuleGraph(file)) continue
    if (!graph.has(from)) graph.set(from, [])
    const edges = graph.get(from)!
    // Breadth-first through files of no module, stopping at the first file of a module.
    const seen = new Set<string>([file])
    const queue: string[][] = targets.map((target) => [file, target])
    while (queue.length > 0) {
      const chain = queue.shift()!
      const target = chain.at(-1)!
      if (seen.has(target)) continue
      seen.add(target)
      const to = moduleOf(target)
      if (to === null) {
        for (const next of files.get(target) ?? []) queue.push([...chain, next])
        continue
      }
      if (to === from) continue
      if (!edges.includes(to)) edges.push(to)
      const reasons = because.get(`${from} → ${to}`) ?? []
      if (!reasons.some((reason) => reason.startsWith(`${file} `))) reasons.push(chain.join(' imports '))
      because.set(`${from} → ${to}`, reasons)
    }
  }
  return { graph, because }
}

const fileGraph: Graph = new Map(sourceFiles(APP).map((file) => [file, importsOf(file)]))

describe('the import graph', () => {
  it('is read from every source file, with type imports, re-exports and both path styles', () => {
    // If the scan found nothing, the checks below would pass without meaning anything.
    expect(fileGraph.size).toBeGreaterThan(100)
    expect(fileGraph.has('app/root.tsx')).toBe(true)
    expect([...fileGraph.keys()].some((file) => file.startsWith('app/generated/'))).toBe(false)
    const info = ts.preProcessFile(
      `import type { A } from '~/utils/db/client.server'\nexport { b } from './local.server'\nimport './remote.server'\nconst c = await import('~/utils/time')`,
      true,
      true,
    )
    const resolved = info.importedFiles.map((imported) =>
      resolveImport('app/utils/db/replica.server.ts', imported.fileName),
    )
    expect(resolved).toEqual([
      'app/utils/db/client.server.ts',
      'app/utils/db/local.server.ts',
      'app/utils/db/remote.server.ts',
      'app/utils/time.ts',
    ])
  })

  it('finds a circle and names it, and finds none in a graph without one', () => {
    const circle: Graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ])
    expect(findCycle(circle)).toEqual(['a', 'b', 'c', 'a'])
    expect(findCycle(new Map([...circle, ['c', ['d']]]))).toBeNull()
    expect(moduleOf('app/modules/teams/format.ts')).toBe('teams')
    expect(moduleOf('app/modules/user-data.server.ts')).toBeNull()
    expect(moduleOf('app/routes/login.tsx')).toBeNull()
  })

  it('has no file that reaches itself through its imports (types included)', () => {
    const cycles = allCycles(fileGraph).map(describeCycle)
    expect(cycles, `import circles between files:\n${cycles.join('\n')}`).toEqual([])
  })

  it('has no module that depends on itself through other modules (tests and testing/ fixtures aside)', () => {
    const { graph, because } = moduleGraph(fileGraph)
    const cycles = allCycles(graph).map((cycle) => {
      const edges = cycle
        .slice(1)
        .map(
          (to, i) =>
            `  ${cycle[i]} → ${to}:\n${(because.get(`${cycle[i]} → ${to}`) ?? []).map((reason) => `    ${reason}`).join('\n')}`,
        )
      return `${describeCycle(cycle)}\n${edges.join('\n')}`
    })
    expect(cycles, `import circles between modules:\n${cycles.join('\n')}`).toEqual([])
  })
})
