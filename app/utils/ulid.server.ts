import { randomBytes } from 'node:crypto'
import { ulid as encodeUlid } from 'ulid'

/**
 * New ULIDs for row and attempt ids. The `ulid` package asks the operating system for
 * one random byte per character (16 calls per id), which showed up at 5 % of an answer's
 * CPU time; here the same cryptographic randomness is drawn 4 KiB at a time.
 */
let pool = Buffer.alloc(0)
let next = 0

function pooledRandom(): number {
  if (next >= pool.length) {
    pool = randomBytes(4096)
    next = 0
  }
  return pool[next++]! / 256
}

/** A new ULID; `seedTime` (ms) sets its time part, for ids that must sort by a given instant. */
export function ulid(seedTime?: number): string {
  return encodeUlid(seedTime, pooledRandom)
}
