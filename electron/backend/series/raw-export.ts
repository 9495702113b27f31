/**
 * "Export CSV" as raw rows (series/export): the chart's rows for its range,
 * as an export job. The spec is checked against the catalog before the job
 * starts (a refused export starts nothing); the job reads one statement
 * through a cursor, a page at a time, and writes each page into the file or
 * download before it reads the next, so memory holds one page whatever the
 * range. Progress counts rows; jobs/cancel stops it on the server.
 */
import { randomBytes } from 'node:crypto'
import type { Writable } from 'node:stream'
import { csvRow } from '../../../shared/chart-csv'
import type { ExportReply } from '../../../shared/domain/export'
import type { RawExportRequest } from '../../../shared/domain/raw-rows'
import { lookupEntry } from '../catalog/entry'
import type { Driver, Queryable } from '../db/driver'
import { startExportJob, type ExportTargets } from '../export/export-job'
import {
  EXPORT_PAGE_ROWS,
  writePages,
  type ExportOptions,
  type ExportProgress,
  type PagedCsv,
} from '../export/pages'
import { planChart } from './plan'
import { rowCells, rowsStatement, type RowsStatement } from './rows'

export async function startRawExport(
  db: Queryable,
  driver: Driver,
  request: RawExportRequest,
  targets: ExportTargets,
  signal?: AbortSignal,
): Promise<ExportReply> {
  const entry = await lookupEntry(db, request.spec.table, signal ? { signal } : {})
  const statement = rowsStatement(planChart(entry, request.spec), request)
  return startExportJob(targets, request.fileName, (sink, options) =>
    streamRows(driver, statement, request.timeZone, sink, options),
  )
}

/** The statement's cursor: declared in a transaction, then read a page per FETCH. */
function rowsCursor(statement: RowsStatement, timeZone: string, signal?: AbortSignal) {
  // Unique: the embedded engine's one session may hold another export's cursor.
  const name = `tsdb_rows_export_${randomBytes(6).toString('hex')}`
  return {
    name,
    async declare(tx: Queryable, options: { hold: boolean }): Promise<void> {
      await tx.query('SET TRANSACTION READ ONLY')
      const hold = options.hold ? 'WITH HOLD ' : ''
      await tx.query(
        `DECLARE ${name} NO SCROLL CURSOR ${hold}FOR ${statement.sql}`,
        statement.params,
      )
    },
    /** Pages read through `db` as CSV records of the chart dialect. */
    pages(db: Queryable): PagedCsv {
      return {
        next: async () => {
          const { rows } = await db.query<unknown[]>(
            `FETCH FORWARD ${EXPORT_PAGE_ROWS} FROM ${name}`,
            [],
            { signal, rowMode: 'array' },
          )
          return { columns: statement.columns, rows: rows.map((row) => rowCells(row, timeZone)) }
        },
        record: csvRow,
      }
    },
  }
}

/** The rows of `statement` as CSV into `sink`, through a cursor of its own. */
export async function streamRows(
  driver: Driver,
  statement: RowsStatement,
  timeZone: string,
  sink: Writable,
  options: ExportOptions,
): Promise<ExportProgress> {
  const { signal } = options
  const cursor = rowsCursor(statement, timeZone, signal)
  if (driver.engine === 'postgres') {
    // A session of its own (as a load has) for as long as the reader takes, in one read-only
    // transaction: the pooled sessions charts share are never held, and there is no timeout.
    return driver.withOwnSession(
      (session) =>
        session.transaction(async (tx) => {
          await cursor.declare(tx, { hold: false })
          return writePages(cursor.pages(tx), sink, options)
        }),
      { signal },
    )
  }
  // The embedded engine has one session for the whole app: the cursor is declared WITH HOLD
  // in a short transaction, and each page then takes the engine in turn, so charts and lists
  // keep working while the file is written.
  await driver.transaction((tx) => cursor.declare(tx, { hold: true }), { signal })
  try {
    return await writePages(cursor.pages(driver), sink, options)
  } finally {
    await driver.query(`CLOSE ${cursor.name}`).catch(() => {})
  }
}
