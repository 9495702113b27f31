import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { JobDone } from '../../shared/domain/jobs'
import { createBackend } from '../../electron/backend/backend'
import { createLogger } from '../../electron/backend/log'
import { Redactor } from '../../electron/backend/redactor'
import { ENGINE_WORKER_PATH } from '../../electron/backend/test-support/backend'
import type { BenchSpec } from './data-files'
import type { Target } from './peers'

export interface OurRun {
  seconds: number
  rows: number
  /** Highest RSS seen during the load minus RSS just before it, in bytes. */
  rssGrowthBytes: number
  /** The process's highest RSS during the load, for scale. */
  peakRssBytes: number
  heapGrowthBytes: number
  /** Time between 1 ms event-loop checks during the load: p99 and worst. */
  eventLoopP99Ms: number
  eventLoopMaxMs: number
  /** The same, measured for a while just before the load: the machine's own noise. */
  idleEventLoopP99Ms: number
}

const IDLE_PROBE_MS = 1500

/** A full GC before the baseline, so garbage from earlier runs is not counted either way. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as (() => void) | undefined
  gc?.()
}

async function idleEventLoopP99(): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  await new Promise((resolve) => setTimeout(resolve, IDLE_PROBE_MS))
  delay.disable()
  return delay.percentile(99) / 1e6
}

const SAMPLE_MS = 20

/**
 * Our load exactly as the app runs it: the backend's handler map, a
 * `connection/open` to the server, `ingest/start`, and the wait for `job/done`.
 * Memory and event-loop delay are measured in this process, which is the
 * backend's process.
 */
export async function runOurLoad(
  target: Target,
  spec: BenchSpec,
  embeddedDataDir: string,
): Promise<OurRun> {
  const redactor = new Redactor()
  const backend = createBackend({
    host: 'web',
    version: 'bench',
    embeddedDataDir,
    engineWorkerPath: ENGINE_WORKER_PATH,
    redactor,
    log: createLogger({ redactor, write: () => {} }),
  })
  const finished = new Map<string, JobDone>()
  const waiters = new Map<string, (done: JobDone) => void>()
  backend.subscribe((name, payload) => {
    if (name !== 'job/done') return
    const done = payload as JobDone
    finished.set(done.jobId, done)
    waiters.get(done.jobId)?.(done)
  })
  const unwrap = async <T>(result: Promise<{ ok: boolean; value?: unknown; error?: unknown }>) => {
    const r = await result
    if (!r.ok) throw new Error(`backend call failed: ${JSON.stringify(r.error)}`)
    return r.value as T
  }
  try {
    await unwrap(
      backend.dispatch('connection/open', {
        target: {
          kind: 'server',
          params: {
            host: target.host,
            port: target.port,
            database: target.database,
            user: target.user,
            password: target.password,
            sslmode: 'disable',
          },
        },
      }),
    )
    const idleEventLoopP99Ms = await idleEventLoopP99()
    collectGarbage()
    const delay = monitorEventLoopDelay({ resolution: 1 })
    const baseline = process.memoryUsage()
    let peakRss = baseline.rss
    let peakHeap = baseline.heapUsed
    const sampler = setInterval(() => {
      const now = process.memoryUsage()
      peakRss = Math.max(peakRss, now.rss)
      peakHeap = Math.max(peakHeap, now.heapUsed)
    }, SAMPLE_MS)
    delay.enable()
    const started = performance.now()
    const { jobId } = await unwrap<{ jobId: string }>(
      backend.dispatch('ingest/start', {
        from: spec.from,
        to: spec.to,
        intervalMs: spec.intervalMs,
        seed: spec.seed,
      }),
    )
    const done =
      finished.get(jobId) ?? (await new Promise<JobDone>((resolve) => waiters.set(jobId, resolve)))
    const seconds = (performance.now() - started) / 1000
    delay.disable()
    clearInterval(sampler)
    if (done.outcome !== 'succeeded') {
      throw new Error(`our load ${done.outcome}: ${done.error.message}`)
    }
    return {
      seconds,
      rows: done.summary.rows,
      rssGrowthBytes: peakRss - baseline.rss,
      peakRssBytes: peakRss,
      heapGrowthBytes: peakHeap - baseline.heapUsed,
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
      idleEventLoopP99Ms,
    }
  } finally {
    await backend.close()
  }
}
