import { Mutex } from 'async-mutex'

/**
 * One lock per key (e.g. per learner) inside this process, forgotten when idle.
 * It orders work that would otherwise only conflict and retry; correctness across
 * app instances still comes from the database (optimistic versions).
 */
export function keyedLock() {
  const locks = new Map<string, { mutex: Mutex; users: number }>()
  return async function withLock<T>(key: string, run: () => Promise<T>): Promise<T> {
    let entry = locks.get(key)
    if (!entry) locks.set(key, (entry = { mutex: new Mutex(), users: 0 }))
    entry.users++
    try {
      return await entry.mutex.runExclusive(run)
    } finally {
      if (--entry.users === 0) locks.delete(key)
    }
  }
}
