/**
 * mulberry32: a tiny, fast, well-mixed 32-bit PRNG. Deterministic for a seed,
 * which is what repeatable sample data needs (not cryptography).
 */
export class Random {
  private state: number
  private spare = Number.NaN

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Standard normal (Box–Muller; the second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const value = this.spare
      this.spare = Number.NaN
      return value
    }
    let u = 0
    while (u === 0) u = this.next()
    const r = Math.sqrt(-2 * Math.log(u))
    const theta = 2 * Math.PI * this.next()
    this.spare = r * Math.sin(theta)
    return r * Math.cos(theta)
  }
}

/** A 32-bit seed for one sensor's stream, so adding a sensor never changes another's readings. */
export function streamSeed(seed: number, sensorId: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  h = Math.imul(h ^ sensorId, 0x85ebca6b) >>> 0
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}
