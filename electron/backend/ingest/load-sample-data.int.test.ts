import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DAY_MS,
  SampleDataSpecSchema,
  type SampleDataSpecInput,
} from '../../../shared/domain/ingest'
import type { ProgressUpdate } from '../jobs'
import { ENGINES, hasTimescale, openEngine, type EngineHarness } from '../test-support/engines'
import { loadSampleData } from './load-sample-data'

const from = Date.UTC(2026, 0, 1)
const sensors = [
  { id: 1, type: 'a', location: 'floor' },
  { id: 2, type: 'a', location: 'ceiling' },
  { id: 3, type: 'b', location: 'floor' },
  { id: 4, type: 'b', location: 'ceiling' },
]

describe.each(ENGINES)('loading sample data (%s)', (name) => {
  let engine: EngineHarness
  // Where TimescaleDB is, schema setup makes sensor_data a hypertable.
  const timescale = hasTimescale(name)

  beforeAll(async () => {
    engine = await openEngine(name)
    await engine.call('schema/setup', {})
    await engine.call('sensors/seed', {})
  })

  afterAll(async () => {
    await engine?.close()
  })

  const run = (
    input: Partial<SampleDataSpecInput>,
    signal = new AbortController().signal,
    onProgress: (update: ProgressUpdate) => void = () => {},
  ) => {
    const updates: ProgressUpdate[] = []
    const spec = SampleDataSpecSchema.parse({
      from,
      to: from + DAY_MS,
      intervalMs: 300_000,
      seed: 1,
      ...input,
    })
    const done = loadSampleData(
      engine.driver,
      { spec, sensors, fallbackSeed: 99 },
      {
        signal,
        progress: (u) => {
          updates.push(u)
          onProgress(u)
        },
      },
    )
    return { done, updates }
  }

  const stats = async () =>
    (
      await engine.driver.query<{
        n: number
        sensors: number
        min_cpu: number
        max_cpu: number
        min_t: number
        max_t: number
        first: Date
        last: Date
      }>(
        `SELECT count(*)::int AS n, count(DISTINCT sensor_id)::int AS sensors,
                min(cpu) AS min_cpu, max(cpu) AS max_cpu,
                min(temperature) AS min_t, max(temperature) AS max_t,
                min(time) AS first, max(time) AS last
           FROM sensor_data`,
      )
    ).rows[0]!

  const fingerprint = async () =>
    (
      await engine.driver.query<{ md5: string }>(
        "SELECT md5(string_agg(concat_ws(',', extract(epoch FROM time), sensor_id, temperature, cpu), ';' ORDER BY time, sensor_id)) AS md5 FROM sensor_data",
      )
    ).rows[0]!.md5

  it('loads the quick-start preset: every sensor every 5 minutes for 24 h, plausible values', async () => {
    const { done, updates } = run({})
    const summary = await done
    expect(summary.rows).toBe(289 * 4)
    const s = await stats()
    expect(s).toMatchObject({ n: 1156, sensors: 4 })
    expect(s.first).toEqual(new Date(from))
    expect(s.last).toEqual(new Date(from + DAY_MS))
    expect(s.min_cpu).toBeGreaterThanOrEqual(0)
    expect(s.max_cpu).toBeLessThanOrEqual(1)
    expect(s.min_t).toBeGreaterThan(5)
    expect(s.max_t).toBeLessThan(45)
    expect(updates.at(-1)).toMatchObject({ done: 1156, total: 1156, unit: 'rows' })
    if (timescale) expect(summary.chunksTouched).toBeGreaterThanOrEqual(1)
    else expect(summary.chunksTouched).toBeNull()
  })

  it('gives identical data for the same seed', async () => {
    const first = await fingerprint()
    await engine.driver.query('DELETE FROM sensor_data')
    await run({}).done
    expect(await fingerprint()).toBe(first)
    await engine.driver.query('DELETE FROM sensor_data')
    await run({ seed: 2 }).done
    expect(await fingerprint()).not.toBe(first)
  })

  it('replaces the chosen range only, in the same transaction', async () => {
    await engine.driver.query('DELETE FROM sensor_data')
    await run({ to: from + 2 * DAY_MS }).done
    await run({ from: from + DAY_MS, to: from + 2 * DAY_MS, replaceExisting: true, seed: 5 }).done
    expect((await stats()).n).toBe((2 * 288 + 1) * 4)
  })

  it('leaves the table as it was when cancelled at about half way', async () => {
    const before = await fingerprint()
    const controller = new AbortController()
    const spec = {
      to: from + 20 * DAY_MS,
      intervalMs: name === 'embedded' ? 20_000 : 5_000,
      replaceExisting: true,
    }
    // Abort from the progress report itself: deterministic, whatever the machine's load.
    const { done, updates } = run(spec, controller.signal, (u) => {
      if (u.done >= u.total / 2) controller.abort()
    })
    await expect(done).rejects.toMatchObject({ code: 'cancelled' })
    const last = updates.at(-1)!
    expect(last.done).toBeGreaterThan(0)
    expect(last.done).toBeLessThan(last.total)
    expect(await fingerprint()).toBe(before)
  })
})
