import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { ConsoleExportReply, ConsoleStatementRequest } from '../../../shared/domain/console'
import type { JobSummary } from '../../../shared/domain/jobs'
import type { JobContext, JobRegistry } from '../jobs'
import type { DownloadRegistry } from './downloads'
import { onlyStatement } from './explain'
import { exportCsv, requireExportable } from './export'
import type { ConsoleSession } from './session'

export interface ExportTargets {
  jobs: JobRegistry
  downloads: DownloadRegistry
  /** Electron: the main process asks where to save; null when the user cancels the dialog. */
  chooseFile?: ((suggestedName: string) => Promise<string | null>) | undefined
}

export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
  return `query-${stamp}.csv`
}

/**
 * Starts an export as a job: to a file the user picked (Electron), or to the
 * browser as a download (web host). A failed or cancelled export to a file
 * leaves no file behind.
 */
export async function startExport(
  session: ConsoleSession,
  request: ConsoleStatementRequest,
  targets: ExportTargets,
): Promise<ConsoleExportReply> {
  const statement = onlyStatement(request, 'Export CSV')
  requireExportable(statement)
  const name = exportFileName()
  const run = (sink: Writable, job: JobContext) =>
    writeExport(session, statement, request, sink, job)
  if (targets.chooseFile) {
    const path = await targets.chooseFile(name)
    if (!path) return { jobId: null, destination: null }
    const jobId = targets.jobs.start('export', async (job) => {
      const file = createWriteStream(path, { mode: 0o600 })
      try {
        return await run(file, job)
      } catch (error) {
        file.destroy()
        await rm(path, { force: true })
        throw error
      }
    })
    return { jobId, destination: { kind: 'file', path } }
  }
  const download = targets.downloads.offer(name)
  const jobId = targets.jobs.start('export', async (job) => {
    const sink = await download.sink(job.signal)
    try {
      return await run(sink, job)
    } catch (error) {
      // The browser keeps what it got; a broken connection marks the download failed.
      sink.destroy()
      throw error
    }
  })
  return { jobId, destination: { kind: 'download', url: download.url } }
}

async function writeExport(
  session: ConsoleSession,
  statement: ReturnType<typeof onlyStatement>,
  request: ConsoleStatementRequest,
  sink: Writable,
  job: JobContext,
): Promise<JobSummary> {
  const started = performance.now()
  const report = (rows: number) => {
    const seconds = (performance.now() - started) / 1000
    return { rows, ratePerSecond: seconds > 0 ? Math.round(rows / seconds) : 0 }
  }
  const done = await exportCsv(session, statement, request.settings, sink, {
    signal: job.signal,
    onProgress: ({ rows, bytes }) =>
      job.progress({ ...report(rows), done: bytes, total: 0, unit: 'bytes', etaSeconds: null }),
  })
  sink.end()
  await finished(sink)
  const durationMs = Math.round(performance.now() - started)
  return {
    rows: done.rows,
    durationMs,
    rowsPerSecond: report(done.rows).ratePerSecond,
    chunksTouched: null,
  }
}
