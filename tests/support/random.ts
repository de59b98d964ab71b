/**
 * Seeded randomness for tests: the same numbers every run, so a failing case can be replayed.
 */

/** mulberry32: a small generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A unit vector of `dimensions` dense pseudo-random components, like a real embedding. */
export function seededUnitVector(seed: number, dimensions: number): Float32Array {
  const next = seededRandom(seed)
  const v = new Float32Array(dimensions).map(() => next() * 2 - 1)
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}
