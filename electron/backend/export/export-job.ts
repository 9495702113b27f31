import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { ExportReply } from '../../../shared/domain/export'
import type { JobSummary } from '../../../shared/domain/jobs'
import type { JobContext, JobRegistry } from '../jobs'
import type { DownloadRegistry } from './downloads'
import type { ExportOptions, ExportProgress } from './pages'

export interface ExportTargets {
  jobs: JobRegistry
  downloads: DownloadRegistry
  /** Electron: the main process asks where to save; null when the user cancels the dialog. */
  chooseFile?: ((suggestedName: string) => Promise<string | null>) | undefined
}

/** Writes the whole export into `sink` (never holding more than a piece of it). */
export type ExportWriter = (
  sink: Writable,
  options: Required<ExportOptions>,
) => Promise<ExportProgress>

/**
 * Starts an export as a job (the console's result, a chart's raw rows): to a
 * file the user picked (Electron), or to the browser as a download (web
 * host), streamed either way. A failed or cancelled export to a file leaves
 * no file behind; a download is cut off, so the browser marks it failed
 * rather than keeping a file that looks whole.
 */
export async function startExportJob(
  targets: ExportTargets,
  fileName: string,
  write: ExportWriter,
): Promise<ExportReply> {
  if (targets.chooseFile) {
    const path = await targets.chooseFile(fileName)
    if (!path) return { jobId: null, destination: null }
    const jobId = targets.jobs.start('export', async (job) => {
      const file = createWriteStream(path, { mode: 0o600 })
      try {
        return await writeAll(write, file, job)
      } catch (error) {
        file.destroy()
        await rm(path, { force: true })
        throw error
      }
    })
    return { jobId, destination: { kind: 'file', path } }
  }
  const download = targets.downloads.offer(fileName)
  const jobId = targets.jobs.start('export', async (job) => {
    const sink = await download.sink(job.signal)
    try {
      return await writeAll(write, sink, job)
    } catch (error) {
      sink.destroy()
      throw error
    }
  })
  return { jobId, destination: { kind: 'download', url: download.url } }
}

async function writeAll(write: ExportWriter, sink: Writable, job: JobContext): Promise<JobSummary> {
  const started = performance.now()
  const report = (rows: number) => {
    const seconds = (performance.now() - started) / 1000
    return { rows, ratePerSecond: seconds > 0 ? Math.round(rows / seconds) : 0 }
  }
  const done = await write(sink, {
    signal: job.signal,
    onProgress: ({ rows, bytes }) =>
      job.progress({ ...report(rows), done: bytes, total: 0, unit: 'bytes', etaSeconds: null }),
  })
  sink.end()
  await finished(sink)
  return {
    rows: done.rows,
    durationMs: Math.round(performance.now() - started),
    rowsPerSecond: report(done.rows).ratePerSecond,
    chunksTouched: null,
  }
}
