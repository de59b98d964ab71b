import type { QuestDependencyType, QuestStatus } from '~/generated/prisma/client'

/**
 * The rules of a quest, as plain functions (docs/quests.md): the status machine, when a quest
 * may start, dependency loops, and the clock of time spent in progress.
 */
export type QuestMove = 'activate' | 'start' | 'complete' | 'reopen' | 'archive'

/** Every legal move: where it may start from and where it leads. Nothing else moves a quest. */
export const MOVE_RULES: Record<QuestMove, { from: readonly QuestStatus[]; to: QuestStatus; label: string }> = {
  activate: { from: ['draft'], to: 'active', label: 'Make active' },
  start: { from: ['active'], to: 'in_progress', label: 'Start' },
  complete: { from: ['in_progress'], to: 'completed', label: 'Complete' },
  reopen: { from: ['completed'], to: 'in_progress', label: 'Reopen' },
  archive: { from: ['draft', 'active', 'in_progress', 'completed'], to: 'archived', label: 'Archive' },
}

export const STATUS_LABEL: Record<QuestStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  in_progress: 'In progress',
  completed: 'Completed',
  archived: 'Archived',
}

/** Null when the move is legal from `status`, otherwise the sentence that says why not. */
export function moveRefusal(status: QuestStatus, move: QuestMove): string | null {
  const rule = MOVE_RULES[move]
  if (rule.from.includes(status)) return null
  if (status === 'archived') return 'This quest is archived: it can no longer change.'
  if (status === rule.to) return `This quest is already ${STATUS_LABEL[status].toLowerCase()}.`
  const from = rule.from.map((s) => STATUS_LABEL[s].toLowerCase()).join(' or ')
  return `A quest that is ${STATUS_LABEL[status].toLowerCase()} cannot be moved that way: "${rule.label}" needs a quest that is ${from}.`
}

/** The moves offered for a quest in `status` (the buttons of the quest page). */
export function movesFrom(status: QuestStatus): QuestMove[] {
  return (Object.keys(MOVE_RULES) as QuestMove[]).filter((move) => moveRefusal(status, move) === null)
}

/** May fields and steps change? Only while the quest is not completed nor archived. */
export function editRefusal(status: QuestStatus): string | null {
  if (status === 'completed') return 'This quest is completed: reopen it to change it.'
  if (status === 'archived') return 'This quest is archived: it can no longer change.'
  return null
}

/** May a step be ticked by hand? Only while the quest is in progress, and never a learning step. */
export function tickRefusal(status: QuestStatus, step: { hasGoal: boolean }): string | null {
  if (step.hasGoal) return 'This is a learning step: it ticks itself when you have done the learning.'
  if (status !== 'in_progress') return 'Start the quest to tick its steps.'
  return null
}

export interface Prerequisite {
  title: string
  type: QuestDependencyType
  status: QuestStatus
}

/** A quest cannot start while a sequential prerequisite is not completed (resource and time ones only inform). */
export function startRefusal(prerequisites: readonly Prerequisite[]): string | null {
  const open = prerequisites.filter((p) => p.type === 'sequential' && p.status !== 'completed').map((p) => p.title)
  if (open.length === 0) return null
  const list = open.map((t) => `"${t}"`).join(', ')
  return `This quest needs ${open.length === 1 ? 'this quest' : 'these quests'} completed first: ${list}.`
}

export interface Edge {
  /** the quest that needs … */
  dependent: string
  /** … this one */
  prerequisite: string
}

/**
 * The loop that adding `edge` would close, as quest ids from the dependent back to itself
 * (`[A, B, C, A]`: A needs B, B needs C, C needs A), or null when it closes none.
 */
export function dependencyCycle(edges: readonly Edge[], edge: Edge): string[] | null {
  if (edge.dependent === edge.prerequisite) return [edge.dependent, edge.dependent]
  const needs = new Map<string, string[]>()
  for (const e of edges) needs.set(e.dependent, [...(needs.get(e.dependent) ?? []), e.prerequisite])
  // Depth-first from the new prerequisite: a path back to the dependent closes a loop.
  const seen = new Set<string>()
  const path: string[] = []
  const walk = (node: string): boolean => {
    if (node === edge.dependent) return true
    if (seen.has(node)) return false
    seen.add(node)
    path.push(node)
    for (const next of [...(needs.get(node) ?? [])].sort()) if (walk(next)) return true
    path.pop()
    return false
  }
  return walk(edge.prerequisite) ? [edge.dependent, ...path, edge.dependent] : null
}

/** A loop in words: "A → B → C → A" with the quests' titles. */
export function describeCycle(cycle: readonly string[], titleOf: (id: string) => string): string {
  return cycle.map(titleOf).join(' → ')
}

export function cycleRefusal(cycle: readonly string[], titleOf: (id: string) => string): string {
  return cycle.length === 2
    ? 'A quest cannot depend on itself.'
    : `This would make a loop of quests that wait for each other: ${describeCycle(cycle, titleOf)}.`
}

// ─── Time spent in progress ─────────────────────────────────────────────────

/** The clock of a quest, kept in QuestAnalytics.metadata: time spent before, and since when it runs. */
export interface ProgressClock {
  spentMs: number
  inProgressSince: string | null
}

export function readClock(metadata: unknown): ProgressClock {
  const m = (metadata && typeof metadata === 'object' ? metadata : {}) as Record<string, unknown>
  const spentMs = typeof m.spentMs === 'number' && m.spentMs >= 0 ? m.spentMs : 0
  const since = typeof m.inProgressSince === 'string' && !Number.isNaN(Date.parse(m.inProgressSince))
  return { spentMs, inProgressSince: since ? (m.inProgressSince as string) : null }
}

/** Starts the clock (start, reopen); a running clock keeps running from where it started. */
export function startClock(clock: ProgressClock, now: Date): ProgressClock {
  return clock.inProgressSince ? clock : { ...clock, inProgressSince: now.toISOString() }
}

/** Stops the clock (complete, archive) and adds the time since it started. */
export function stopClock(clock: ProgressClock, now: Date): ProgressClock {
  if (!clock.inProgressSince) return clock
  const ran = Math.max(0, now.getTime() - Date.parse(clock.inProgressSince))
  return { spentMs: clock.spentMs + ran, inProgressSince: null }
}

/** Whole minutes spent, rounded up: a quest worked on at all took at least a minute. */
export function spentMinutes(clock: ProgressClock): number {
  return Math.ceil(clock.spentMs / 60_000)
}

/** Share of steps ticked, in percent with two decimals (seed DECIMAL(5,2)); 100 for a quest without steps. */
export function completionRate(done: number, total: number): number {
  if (total === 0) return 100
  return Math.round((done / total) * 10_000) / 100
}
