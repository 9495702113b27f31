import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobDone, JobProgress } from '../../../shared/domain/jobs'
import { connectEngine, ENGINES, type ConnectedBackend } from '../test-support/engines'
import { jobDone } from '../test-support/jobs'

const from = Date.UTC(2025, 0, 1)

/** How far `actual` is from `truth`, as a fraction of the truth. */
function relativeError(actual: number, truth: number): number {
  return Math.abs(actual - truth) / truth
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const pct = (fraction: number | undefined) => `${Math.round((fraction ?? 0) * 100)}%`

/*
 * The load's progress against what really happened, on a real server: the
 * quick-start schema, whose foreign key PostgreSQL checks at the end of each
 * COPY statement (counting rows sent, the bar once sat at "0.0 s left" for
 * half the load while those checks ran, at twice the final rate).
 */
describe.each(ENGINES)('load progress on %s', (engine) => {
  let env: ConnectedBackend
  // Some seconds of work each (more on a busy machine), in a dozen or more statements; with
  // the sensor ids checked once for the load (key-check.ts), a row costs the server far less.
  const rows = engine === 'embedded' ? 1_200_000 : 4_000_000

  beforeAll(async () => {
    env = await connectEngine(engine, 'progress')
    await env.t.call('schema/setup', {})
    await env.t.call('sensors/seed', {})
  })

  afterAll(async () => {
    await env?.close()
  })

  // A machine busy with other work can change pace for seconds at a time, which no estimate
  // foresees; a genuinely wrong count (rows sent, not taken) fails every attempt.
  it(
    'counts what the server has taken: rows/s and time left within 20% of the final figures',
    { retry: 2 },
    async () => {
      const { t } = env
      // Each attempt starts from an empty table.
      await t.sql.query('TRUNCATE sensor_data')
      const seen: { progress: JobProgress; at: number }[] = []
      const unsubscribe = t.backend.subscribe((name, payload) => {
        if (name === 'job/progress') seen.push({ progress: payload as JobProgress, at: now() })
      })
      const now = () => performance.now()
      let done: JobDone
      try {
        const { jobId, totalRows } = await t.call('ingest/start', {
          from,
          to: from + (rows / 4) * 1000 - 1,
          intervalMs: 1000,
          seed: 7,
        })
        expect(totalRows).toBe(rows)
        done = await jobDone(t, jobId, 300_000)
      } finally {
        unsubscribe()
      }
      if (done.outcome !== 'succeeded') throw new Error(`the load ${done.outcome}`)
      const summary = done.summary
      expect(summary.rows).toBe(rows)

      const loading = seen.filter((s) => s.progress.phase === 'loading')
      const finishing = seen.filter((s) => s.progress.phase === 'finishing')
      // The finishing phase (commit, ANALYZE) comes once the server has every row, and only then.
      expect(finishing.length).toBeGreaterThan(0)
      expect(finishing[0]?.progress).toMatchObject({ done: rows, etaSeconds: null })
      expect(Math.max(...loading.map((s) => s.at))).toBeLessThanOrEqual(finishing[0]!.at)
      expect(loading.every((s) => s.progress.done < rows)).toBe(true)
      const loadedAt = finishing[0]!.at

      // Judged in the middle of the load: past the first estimates, before time left is a moment.
      // A shared machine's pace wanders (one busy second moves any estimate), so each figure is
      // judged by its median over those reports; counting rows sent was 2x the rate, 0 s left.
      const middle = loading.filter(
        (s) => s.progress.done >= rows * 0.25 && s.progress.done <= rows * 0.75,
      )
      expect(middle.length).toBeGreaterThanOrEqual(5)
      const rateErrors = middle.map(({ progress }) =>
        relativeError(progress.ratePerSecond, summary.rowsPerSecond),
      )
      const etaErrors = middle.map(({ progress, at }) =>
        relativeError(progress.etaSeconds ?? 0, (loadedAt - at) / 1000),
      )
      const report = middle.map(
        ({ progress, at }, i) =>
          `${progress.done} rows: ${Math.round(progress.ratePerSecond)} rows/s (${pct(rateErrors[i])}), ` +
          `${progress.etaSeconds?.toFixed(1)} s left, truly ${((loadedAt - at) / 1000).toFixed(1)} s (${pct(etaErrors[i])})`,
      )
      const summaryLine = `finally ${summary.rowsPerSecond} rows/s:\n${report.join('\n')}`
      expect(median(rateErrors), summaryLine).toBeLessThanOrEqual(0.2)
      expect(median(etaErrors), summaryLine).toBeLessThanOrEqual(0.2)
    },
  )
})
