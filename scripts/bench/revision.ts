import { execFile } from 'node:child_process'
import { symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface BuiltRevision {
  rev: string
  dir: string
  remove: () => Promise<void>
}

/**
 * Another revision of this repository, checked out in a temporary worktree under `parent` with
 * this checkout's node_modules, its Prisma client generated and its production build made: a
 * "before" server to measure beside this one in the same run.
 */
export async function buildRevision(rev: string, parent: string): Promise<BuiltRevision> {
  const dir = join(parent, 'before-worktree')
  const short = (await run('git', ['rev-parse', '--short', rev])).stdout.trim()
  await run('git', ['worktree', 'add', '--detach', dir, rev])
  const remove = async () => {
    await run('git', ['worktree', 'remove', '--force', dir]).catch(() => undefined)
  }
  try {
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'))
    const env = { ...process.env, NODE_ENV: 'production' as const }
    await run('npm', ['run', 'prisma:generate'], { cwd: dir, env })
    await run('npm', ['run', 'build'], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    await remove()
    throw error
  }
  return { rev: short, dir, remove }
}
