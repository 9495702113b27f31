import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/domain/ingest'
import { Random, streamSeed } from './random'

export interface ModelSensor {
  id: number
  type: string
  location: string
}

const TAU_WALK_MS = 6 * HOUR_MS
const TAU_SPIKE_MS = 10 * MINUTE_MS
const MEAN_SPIKE_GAP_MS = 2 * DAY_MS
const MEAN_BURST_GAP_MS = 3 * HOUR_MS
const MEAN_BURST_MS = 10 * MINUTE_MS

/**
 * One sensor's readings over time, advanced one fixed interval per step.
 *
 * Temperature: a base set by location (ceilings run warmer than floors) plus a
 * per-sensor offset, a daily cycle peaking mid-afternoon local time, a slow
 * mean-reverting random walk (weather, heating), small noise, and rare spikes
 * that decay over minutes. CPU: a per-sensor base load, busier by day, with
 * bursts that start and stop at random, always clamped to 0–1.
 *
 * The results are fields, not returned objects: this runs millions of times
 * per second and must not allocate.
 */
export class SensorModel {
  temperature = 0
  cpu = 0

  private readonly random: Random
  private readonly base: number
  private readonly amplitude: number
  private readonly peakPhase: number
  private readonly cpuBase: number
  private readonly walkDecay: number
  private readonly walkScale: number
  private readonly spikeDecay: number
  private readonly spikeChance: number
  private readonly burstStart: number
  private readonly burstEnd: number
  private walk = 0
  private spike = 0
  private burst = false
  private burstLevel = 0

  constructor(sensor: ModelSensor, seed: number, intervalMs: number) {
    const random = new Random(streamSeed(seed, sensor.id))
    this.random = random
    const byLocation = /ceil/i.test(sensor.location)
      ? 24
      : /floor/i.test(sensor.location)
        ? 19
        : 21.5
    this.base = byLocation + (random.next() * 3 - 1.5)
    this.amplitude = 2.5 + random.next() * 1.5
    // Peak around 15:00, give or take an hour per sensor.
    this.peakPhase = (15 + (random.next() * 2 - 1)) / 24
    this.cpuBase = 0.15 + random.next() * 0.15
    const dt = intervalMs
    this.walkDecay = Math.exp(-dt / TAU_WALK_MS)
    this.walkScale = 0.8 * Math.sqrt(1 - this.walkDecay * this.walkDecay)
    this.walk = random.normal() * 0.8
    this.spikeDecay = Math.exp(-dt / TAU_SPIKE_MS)
    this.spikeChance = Math.min(1, dt / MEAN_SPIKE_GAP_MS)
    this.burstStart = Math.min(1, dt / MEAN_BURST_GAP_MS)
    this.burstEnd = Math.min(1, dt / MEAN_BURST_MS)
  }

  /** Computes the reading at `localMs` (the time shifted into the user's zone). */
  step(localMs: number): void {
    const random = this.random
    const dayFraction = (((localMs % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS
    const daily = Math.cos(2 * Math.PI * (dayFraction - this.peakPhase))

    this.walk = this.walk * this.walkDecay + this.walkScale * random.normal()
    this.spike *= this.spikeDecay
    if (random.next() < this.spikeChance) this.spike += 6 + random.next() * 6
    this.temperature =
      this.base + this.amplitude * daily + this.walk + this.spike + 0.1 * random.normal()

    if (this.burst) {
      if (random.next() < this.burstEnd) this.burst = false
    } else if (random.next() < this.burstStart) {
      this.burst = true
      this.burstLevel = 0.75 + random.next() * 0.2
    }
    const load = this.burst ? this.burstLevel : this.cpuBase + 0.12 * Math.max(0, daily)
    const cpu = load + 0.03 * random.normal()
    this.cpu = cpu < 0 ? 0 : cpu > 1 ? 1 : cpu
  }
}
