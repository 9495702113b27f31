import type { JobDone } from '../../shared/domain/jobs'
import { createBackend } from '../../electron/backend/backend'
import { createLogger } from '../../electron/backend/log'
import { Redactor } from '../../electron/backend/redactor'
import { ENGINE_WORKER_PATH, serverParams } from '../../electron/backend/test-support/backend'
import type { TestServerInfo } from '../../electron/backend/test-support/postgres-server'

export interface CompressRun {
  seconds: number
  rows: number
  chunks: number
  segmentBy: string[]
}

const QUICK_START = { schema: 'public', name: 'sensor_data' }

/**
 * Compression exactly as the app does it: the handler map, connection/open,
 * the suggested settings enabled with hypertables/enable-compression, then
 * hypertables/compress and the wait for job/done (from the call to the
 * event: picking the chunks and reading their sizes after are part of it).
 */
export async function compressWithApp(
  server: TestServerInfo,
  enable: boolean,
): Promise<CompressRun> {
  const redactor = new Redactor()
  const backend = createBackend({
    host: 'web',
    version: 'bench',
    embeddedDataDir: '/nonexistent/bench-never-opened',
    engineWorkerPath: ENGINE_WORKER_PATH,
    redactor,
    log: createLogger({ redactor, write: () => {} }),
  })
  const waiters = new Map<string, (done: JobDone) => void>()
  const finished = new Map<string, JobDone>()
  backend.subscribe((name, payload) => {
    if (name !== 'job/done') return
    const done = payload as JobDone
    finished.set(done.jobId, done)
    waiters.get(done.jobId)?.(done)
  })
  const call = async <T>(name: string, request: unknown): Promise<T> => {
    const r = await backend.dispatch(name, request)
    if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`)
    return r.value as T
  }
  try {
    await call('connection/open', {
      target: { kind: 'server', params: serverParams(server) },
    })
    const status = await call<{ suggestion: { segmentBy: string[]; orderBy: unknown[] } }>(
      'hypertables/compression',
      { table: QUICK_START },
    )
    if (enable)
      await call('hypertables/enable-compression', {
        table: QUICK_START,
        segmentBy: status.suggestion.segmentBy,
        orderBy: status.suggestion.orderBy,
      })
    const started = performance.now()
    const { jobId, chunks } = await call<{ jobId: string; chunks: string[] }>(
      'hypertables/compress',
      { table: QUICK_START },
    )
    const done =
      finished.get(jobId) ?? (await new Promise<JobDone>((resolve) => waiters.set(jobId, resolve)))
    const seconds = (performance.now() - started) / 1000
    if (done.outcome !== 'succeeded')
      throw new Error(`compress ${done.outcome}: ${done.error.message}`)
    return {
      seconds,
      rows: done.summary.rows,
      chunks: chunks.length,
      segmentBy: status.suggestion.segmentBy,
    }
  } finally {
    await backend.close()
  }
}
