import type { Writable } from 'node:stream'
import type { Cell } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import { writeToSink } from './sink'

/** Rows per FETCH when an export reads through a cursor: what it holds at most. */
export const EXPORT_PAGE_ROWS = 5000

export interface ExportProgress {
  rows: number
  bytes: number
}

export interface ExportOptions {
  signal?: AbortSignal | undefined
  onProgress?: ((progress: ExportProgress) => void) | undefined
}

/** One FETCH: the result's column names and up to a page of rows, as text. */
export interface CsvPage {
  columns: readonly string[]
  rows: readonly (readonly Cell[])[]
}

export interface PagedCsv {
  /** Reads the next page (FETCH FORWARD EXPORT_PAGE_ROWS); a short page is the last. */
  next(): Promise<CsvPage>
  /** One CSV record, line end included. */
  record(cells: readonly Cell[]): string
}

/**
 * Writes a cursor's rows as CSV into `sink` a page at a time: the header from
 * the first page, then each page's records, and reads the next page only once
 * the sink has taken this one. Memory holds one page, whatever the result's size.
 */
export async function writePages(
  source: PagedCsv,
  sink: Writable,
  options: ExportOptions = {},
): Promise<ExportProgress> {
  const progress = { rows: 0, bytes: 0 }
  let header = true
  for (;;) {
    if (options.signal?.aborted)
      throw new AppError('cancelled', 'Cancelled. The file is incomplete.')
    const page = await source.next()
    let text = header ? source.record(page.columns) : ''
    header = false
    for (const row of page.rows) text += source.record(row)
    const bytes = Buffer.from(text, 'utf8')
    progress.rows += page.rows.length
    progress.bytes += bytes.byteLength
    await writeToSink(sink, bytes, options.signal)
    options.onProgress?.(progress)
    if (page.rows.length < EXPORT_PAGE_ROWS) return progress
  }
}
