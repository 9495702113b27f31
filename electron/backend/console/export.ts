import type { Writable } from 'node:stream'
import type { ConsoleSettings } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import {
  EXPORT_PAGE_ROWS,
  writePages,
  type ExportOptions,
  type ExportProgress,
} from '../export/pages'
import { csvRecord } from './csv'
import { statementFailure } from './explain'
import type { PlannedStatement } from './plan'
import type { ConsoleSession } from './session'

const EXPORT_CURSOR = 'tsdb_console_export'

/** Export takes a query (what COPY ( … ) TO accepts without side effects). */
export function requireExportable(statement: PlannedStatement): void {
  if (!statement.kind.cursorable) {
    throw new AppError(
      'invalid_input',
      'Export CSV takes a query (SELECT, WITH, VALUES or TABLE) that reads without writing; this statement is a ' +
        `${statement.kind.command || 'command'}.`,
    )
  }
}

/**
 * Writes the statement's whole result as CSV to `sink`, never holding more
 * than a piece of it. On PostgreSQL a statement without parameters goes
 * through `COPY (…) TO STDOUT (FORMAT csv, HEADER)`, so the server writes the
 * CSV; COPY cannot take parameters, so one with parameters (and any on the
 * embedded engine, which can COPY only into memory) is read through a cursor
 * in pages and written in the same CSV dialect. Nothing the export runs is
 * kept: its transaction is rolled back (the embedded engine's is read-only).
 */
export async function exportCsv(
  session: ConsoleSession,
  statement: PlannedStatement,
  settings: ConsoleSettings,
  sink: Writable,
  options: ExportOptions = {},
): Promise<ExportProgress> {
  requireExportable(statement)
  const { io } = session
  return session.alone(async () => {
    session.tx.check(settings)
    if (io.engine === 'embedded') return embeddedExport(session, statement, sink, options)
    const copy = statement.bound.values.length === 0 ? io.copyOut?.bind(io) : undefined
    const prefix = copy ? 'COPY (' : `DECLARE ${EXPORT_CURSOR} NO SCROLL CURSOR FOR `
    try {
      return await session.tx.discarding(settings, async () => {
        // An export is long work the user can cancel; the tab's timeout is for statements.
        await io.run('SET LOCAL statement_timeout = 0')
        if (!copy) return pagesToCsv(session, statement, prefix, sink, options)
        const counter = copyProgress(options)
        const rows = await copy(
          `${prefix}${statement.bound.sql}\n) TO STDOUT (FORMAT csv, HEADER true)`,
          sink,
          { signal: options.signal, onChunk: counter.onChunk },
        )
        return { rows, bytes: counter.bytes() }
      })
    } catch (error) {
      if (options.signal?.aborted)
        throw new AppError('cancelled', 'Cancelled. The file is incomplete.')
      throw statementFailure(error, statement, prefix)
    }
  })
}

/** The embedded engine: a WITH HOLD cursor, read in pages, each page taking the engine in turn. */
async function embeddedExport(
  session: ConsoleSession,
  statement: PlannedStatement,
  sink: Writable,
  options: ExportOptions,
): Promise<ExportProgress> {
  const { io } = session
  const prefix = `DECLARE ${EXPORT_CURSOR} NO SCROLL CURSOR WITH HOLD FOR `
  try {
    await io.exclusive(async () => {
      await io.run('BEGIN READ ONLY')
      try {
        await io.run(prefix + statement.bound.sql, statement.bound.values)
        await io.run('COMMIT')
      } catch (error) {
        await io.run('ROLLBACK').catch(() => {})
        throw error
      }
    }, options.signal)
  } catch (error) {
    throw statementFailure(error, statement, prefix)
  }
  try {
    return await readPages(session, sink, options)
  } finally {
    await io.run(`CLOSE ${EXPORT_CURSOR}`).catch(() => {})
  }
}

async function pagesToCsv(
  session: ConsoleSession,
  statement: PlannedStatement,
  prefix: string,
  sink: Writable,
  options: ExportOptions,
): Promise<ExportProgress> {
  await session.io.run(prefix + statement.bound.sql, statement.bound.values, options)
  return readPages(session, sink, options)
}

function readPages(
  session: ConsoleSession,
  sink: Writable,
  options: ExportOptions,
): Promise<ExportProgress> {
  const next = async () => {
    const page = await session.io.run(
      `FETCH FORWARD ${EXPORT_PAGE_ROWS} FROM ${EXPORT_CURSOR}`,
      [],
      options.signal ? { signal: options.signal } : {},
    )
    return { columns: (page.fields ?? []).map((f) => f.name), rows: page.rows }
  }
  return writePages({ next, record: csvRecord }, sink, options)
}

/**
 * Progress of COPY's output by bytes, with rows estimated from the line
 * length of its first 64 kB (scanning every byte for line ends cost a
 * noticeable share of a 10M-row export); COPY says the exact count at the end.
 */
function copyProgress(options: ExportOptions) {
  const SAMPLE = 64 * 1024
  let bytes = 0
  let sampledBytes = 0
  let sampledLines = 0
  return {
    onChunk: (chunk: Buffer) => {
      if (sampledBytes < SAMPLE) {
        const part = chunk.subarray(0, SAMPLE - sampledBytes)
        for (let i = part.indexOf(10); i !== -1; i = part.indexOf(10, i + 1)) sampledLines++
        sampledBytes += part.byteLength
      }
      bytes += chunk.byteLength
      const perRow = sampledLines > 0 ? sampledBytes / sampledLines : 0
      options.onProgress?.({ rows: perRow > 0 ? Math.round(bytes / perRow) : 0, bytes })
    },
    bytes: () => bytes,
  }
}
