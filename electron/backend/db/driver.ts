import type { ServerInfo } from '../../../shared/domain/connection'
import type { CopyProgress } from './copy-batches'

export interface QueryOptions {
  /** Aborting cancels the statement on the server where the engine allows it. */
  signal?: AbortSignal
  /** 'array' returns each row as an array in column order (cheaper for wide results). */
  rowMode?: 'object' | 'array'
  /**
   * A read of system catalogs only: small work that a planner's estimates can
   * overrate on a big catalog, so the pg driver runs it without JIT (pg-jit.ts).
   * Ignored inside transactions and by the embedded engine (it has no JIT).
   */
  catalogRead?: boolean
}

/** Options for a catalog read (see QueryOptions.catalogRead), keeping the caller's signal. */
export const catalogRead = (options: QueryOptions = {}): QueryOptions => ({
  ...options,
  catalogRead: true,
})

export interface FieldInfo {
  name: string
  dataTypeID: number
}

export interface QueryResult<R = Record<string, unknown>> {
  rows: R[]
  fields: FieldInfo[]
  /** Rows affected by INSERT/UPDATE/DELETE/COPY, or rows returned. */
  rowCount: number
}

export interface Queryable {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>>
}

/**
 * One piece of a COPY stream. Chunks always end on a row boundary so an engine
 * that cannot stream (the embedded one) can feed each chunk as its own COPY.
 */
export interface CopyChunk {
  /** Binary format: tuples only (the driver adds the file header and trailer). CSV: whole records. */
  bytes: Uint8Array
  /** Rows in this chunk. */
  rows: number
  /** COPY "lines" in this chunk: records, counting a CSV header (a quoted field spanning lines is one). */
  lines?: number
}

export interface CopyIn {
  table: string
  columns: readonly string[]
  format: 'binary' | 'csv'
  /** CSV only: the first chunk starts with a header line. */
  header?: boolean
  chunks: AsyncIterable<CopyChunk>
  /**
   * Runs inside the load's transaction before the COPY starts (e.g. deleting
   * the readings a load replaces), so a failed or cancelled load undoes it too.
   */
  before?: (tx: Queryable) => Promise<void>
  /**
   * Called when the load has to wait for others to finish before it starts
   * (and again as its turn nears): how many loads run or wait ahead of it.
   */
  waiting?: (ahead: number) => void
  /**
   * Called each time the server has taken another part of the load (see
   * copy-batches.ts): what a progress bar should count, not what was sent.
   */
  onProgress?: (progress: CopyProgress) => void
}

export interface CopyResult {
  rows: number
}

export interface DriverCallOptions {
  signal?: AbortSignal
}

/** One session's statements and transactions, in order, on one connection. */
export interface OwnSession extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: DriverCallOptions): Promise<T>
}

export interface OwnSessionOptions extends DriverCallOptions {
  /** Called while the work waits for a session: how many loads or jobs run or wait ahead. */
  waiting?: (ahead: number) => void
}

/**
 * A connection to one database. Implemented by node-postgres (a user's server)
 * and by the embedded TimescaleDB-in-WASM engine.
 */
export interface Driver extends Queryable {
  readonly engine: 'embedded' | 'postgres'
  /** Runs work in one transaction on one session: all of it commits, or none. */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: DriverCallOptions): Promise<T>
  /** Bulk-loads rows with COPY inside one transaction: all rows or none. */
  copyIn(copy: CopyIn, options?: DriverCallOptions): Promise<CopyResult>
  /**
   * Long maintenance (compressing chunks one at a time) on a session of its
   * own, as a load has: it never holds the connections interactive calls
   * share, counts among the loads that may run at once, and has no statement
   * or read timeout (cancel through the signal). The embedded engine has one
   * session, shared in turn as always.
   */
  withOwnSession<T>(
    work: (session: OwnSession) => Promise<T>,
    options?: OwnSessionOptions,
  ): Promise<T>
  info(): Promise<ServerInfo>
  close(): Promise<void>
}

/** Quotes an identifier the way PostgreSQL's quote_ident does. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** The COPY statement both drivers issue, with the source they read from. */
export function copyStatement(copy: CopyIn, source: 'STDIN' | "'/dev/blob'", header: boolean) {
  const columns = copy.columns.map(quoteIdent).join(', ')
  const options =
    copy.format === 'binary'
      ? '(FORMAT binary)'
      : `(FORMAT csv, HEADER ${header ? 'true' : 'false'})`
  return `COPY ${quoteIdent(copy.table)} (${columns}) FROM ${source} ${options}`
}
