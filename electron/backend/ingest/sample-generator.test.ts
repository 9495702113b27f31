import { describe, expect, it } from 'vitest'
import { DAY_MS, HOUR_MS } from '../../../shared/domain/ingest'
import { READING_TUPLE_BYTES, SampleGenerator, type GeneratorOptions } from './sample-generator'

const PG_EPOCH_MS = 946_684_800_000
const from = Date.UTC(2026, 0, 1)
const quickStartSensors = [
  { id: 1, type: 'a', location: 'floor' },
  { id: 2, type: 'a', location: 'ceiling' },
  { id: 3, type: 'b', location: 'floor' },
  { id: 4, type: 'b', location: 'ceiling' },
]

interface Reading {
  time: number
  sensorId: number
  temperature: number
  cpu: number
}

/** Decodes binary COPY tuples back into readings (the inverse of the generator's encoding). */
function decode(bytes: Uint8Array): Reading[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: Reading[] = []
  for (let at = 0; at < bytes.byteLength; at += READING_TUPLE_BYTES) {
    const lengths = [
      view.getInt32(at + 2),
      view.getInt32(at + 14),
      view.getInt32(at + 22),
      view.getInt32(at + 34),
    ]
    if (view.getInt16(at) !== 4 || lengths.join() !== '8,4,8,8') {
      throw new Error(`Malformed tuple at byte ${at}`)
    }
    out.push({
      time: Number(view.getBigInt64(at + 6)) / 1000 + PG_EPOCH_MS,
      sensorId: view.getInt32(at + 18),
      temperature: view.getFloat64(at + 26),
      cpu: view.getFloat64(at + 38),
    })
  }
  return out
}

function generate(options: Partial<GeneratorOptions> = {}, maxBytes?: number) {
  const generator = new SampleGenerator({
    from,
    to: from + DAY_MS,
    intervalMs: 5 * 60_000,
    sensors: quickStartSensors,
    seed: 42,
    ...options,
  })
  const chunks = []
  for (let c = generator.nextChunk(maxBytes); c; c = generator.nextChunk(maxBytes)) chunks.push(c)
  const readings = chunks.flatMap((c) => decode(c.bytes))
  return { generator, chunks, readings }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

describe('SampleGenerator', () => {
  it('makes every sensor a reading at every interval, both ends included, in time order', () => {
    const { generator, chunks, readings } = generate({}, 4096)
    expect(generator.totalRows).toBe(289 * 4)
    expect(readings).toHaveLength(289 * 4)
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(289 * 4)
    expect(readings[0]).toMatchObject({ time: from, sensorId: 1 })
    expect(readings.at(-1)).toMatchObject({ time: from + DAY_MS, sensorId: 4 })
    for (let i = 1; i < readings.length; i++)
      expect(readings[i]!.time).toBeGreaterThanOrEqual(readings[i - 1]!.time)
    expect(readings.slice(0, 8).map((r) => r.sensorId)).toEqual([1, 2, 3, 4, 1, 2, 3, 4])
  })

  it('keeps chunks bounded and on whole time steps', () => {
    const { chunks } = generate({ to: from + 7 * DAY_MS, intervalMs: 10_000 }, 64 * 1024)
    for (const chunk of chunks) {
      expect(chunk.bytes.byteLength).toBeLessThanOrEqual(64 * 1024)
      expect(chunk.rows % 4).toBe(0)
      expect(chunk.bytes.byteLength).toBe(chunk.rows * READING_TUPLE_BYTES)
    }
  })

  it('is repeatable: the same seed gives identical bytes, another seed differs', () => {
    const a = generate({ seed: 7 })
      .chunks.map((c) => Buffer.from(c.bytes).toString('hex'))
      .join('')
    const b = generate({ seed: 7 })
      .chunks.map((c) => Buffer.from(c.bytes).toString('hex'))
      .join('')
    const c = generate({ seed: 8 })
      .chunks.map((c) => Buffer.from(c.bytes).toString('hex'))
      .join('')
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it("does not change one sensor's readings when another sensor is added", () => {
    const alone = generate({ sensors: [quickStartSensors[0]!] }).readings
    const together = generate().readings.filter((r) => r.sensorId === 1)
    expect(together).toEqual(alone)
  })

  const month = generate({ to: from + 30 * DAY_MS, intervalMs: 60_000 }).readings

  it('keeps cpu within 0–1, with bursts now and then', () => {
    expect(month.every((r) => r.cpu >= 0 && r.cpu <= 1)).toBe(true)
    const busy = month.filter((r) => r.cpu > 0.7).length / month.length
    expect(busy).toBeGreaterThan(0.01)
    expect(busy).toBeLessThan(0.2)
  })

  it('follows a daily cycle: afternoons are warmer than nights', () => {
    const hourOf = (t: number) => new Date(t).getUTCHours()
    const afternoon = mean(
      month.filter((r) => hourOf(r.time) >= 13 && hourOf(r.time) < 17).map((r) => r.temperature),
    )
    const night = mean(
      month.filter((r) => hourOf(r.time) >= 1 && hourOf(r.time) < 5).map((r) => r.temperature),
    )
    expect(afternoon - night).toBeGreaterThan(3)
  })

  it('places the afternoon peak in the given time zone', () => {
    const shifted = generate({
      to: from + 30 * DAY_MS,
      intervalMs: 60_000,
      utcOffsetMinutes: 8 * 60,
    }).readings
    const utcHour = (t: number) => new Date(t).getUTCHours()
    // 15:00 at UTC+8 is 07:00 UTC.
    const atLocalPeak = mean(shifted.filter((r) => utcHour(r.time) === 7).map((r) => r.temperature))
    const atLocalNight = mean(
      shifted.filter((r) => utcHour(r.time) === 19).map((r) => r.temperature),
    )
    expect(atLocalPeak - atLocalNight).toBeGreaterThan(3)
  })

  it('gives ceilings a warmer base than floors, a per-sensor offset, noise and rare spikes', () => {
    const bySensor = (id: number) =>
      month.filter((r) => r.sensorId === id).map((r) => r.temperature)
    expect(mean(bySensor(2))).toBeGreaterThan(mean(bySensor(1)))
    expect(mean(bySensor(1))).not.toBeCloseTo(mean(bySensor(3)), 2)
    // Consecutive readings differ (noise), but only a little (a slow walk, not white noise).
    const s1 = bySensor(1)
    const steps = s1.slice(1).map((t, i) => Math.abs(t - s1[i]!))
    expect(mean(steps)).toBeGreaterThan(0.02)
    expect(mean(steps)).toBeLessThan(0.5)
    // Spikes: rare jumps of several degrees above the sensor's usual range.
    const jumps = month.filter((r, i) => i >= 4 && r.temperature - month[i - 4]!.temperature > 4)
    expect(jumps.length).toBeGreaterThan(0)
    expect(jumps.length / month.length).toBeLessThan(0.005)
    // Plausible indoor temperatures otherwise.
    const sorted = month.map((r) => r.temperature).sort((a, b) => a - b)
    expect(sorted[Math.floor(sorted.length * 0.01)]).toBeGreaterThan(10)
    expect(sorted[Math.floor(sorted.length * 0.99)]).toBeLessThan(35)
  })

  it('handles no sensors and an empty range', () => {
    expect(generate({ sensors: [] }).readings).toEqual([])
    expect(generate({ to: from - 1 }).generator.totalRows).toBe(0)
    expect(generate({ to: from }).readings).toHaveLength(4)
  })

  it('spans hours as well as days at fine intervals without drift', () => {
    const { readings } = generate({
      to: from + HOUR_MS,
      intervalMs: 1000,
      sensors: [quickStartSensors[0]!],
    })
    expect(readings).toHaveLength(3601)
    expect(readings[3600]!.time).toBe(from + HOUR_MS)
  })
})
