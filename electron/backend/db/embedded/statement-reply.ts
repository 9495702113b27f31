import type { PgErrorFields } from '../errors'

/** One console statement's outcome from the engine, values as PostgreSQL's text. */
export interface EmbeddedStatementReply {
  fields: { name: string; dataTypeID: number }[] | null
  rows: (string | null)[][]
  /** The command tag, e.g. "SELECT 2", "INSERT 0 1", "MOVE 10". */
  command: string | null
  /** The portal stopped at maxRows with rows left. */
  more: boolean
  txStatus: 'I' | 'T' | 'E'
  notices: { severity: string; message: string; detail?: string; hint?: string }[]
  error: PgErrorFields | null
}

export type EmbeddedStatementRunner = (
  sql: string,
  params: readonly (string | null)[],
  maxRows?: number,
) => Promise<EmbeddedStatementReply>
