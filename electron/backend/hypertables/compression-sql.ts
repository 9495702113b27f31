/**
 * The statements that turn compression on and work chunk by chunk, in the
 * names the connected TimescaleDB knows: the columnstore names (2.18 and
 * newer) or the compression names (older).
 */
import type { CompressionApi, OrderByItem } from '../../../shared/domain/hypertables'
import { quoteIdent } from '../db/driver'
import { tsFunction, type TimescaleFeatures } from './catalog'

/**
 * A SQL string literal, as PostgreSQL's quote_literal makes it: quotes
 * doubled, and backslashes doubled in an E'' string so the text means the same
 * whatever standard_conforming_strings is.
 */
export function quoteLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''")
  return text.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`
}

/** `"sensor_id","type"`: the column list TimescaleDB parses from segmentby. */
export function segmentByText(columns: readonly string[]): string {
  return columns.map(quoteIdent).join(',')
}

/** `"time" DESC`: the order-by list TimescaleDB parses from orderby. */
export function orderByText(items: readonly OrderByItem[]): string {
  return items.map((i) => `${quoteIdent(i.column)}${i.descending ? ' DESC' : ''}`).join(',')
}

/**
 * ALTER TABLE … SET (…) enabling compression with these settings. The names
 * were checked against the catalog; they travel as quoted identifiers inside
 * a quoted literal because ALTER TABLE options take no parameters.
 */
export function enableCompressionSql(
  api: CompressionApi,
  qualifiedTable: string,
  segmentBy: readonly string[],
  orderBy: readonly OrderByItem[],
): string {
  const names =
    api === 'columnstore'
      ? ['timescaledb.enable_columnstore = true', 'timescaledb.segmentby', 'timescaledb.orderby']
      : ['timescaledb.compress', 'timescaledb.compress_segmentby', 'timescaledb.compress_orderby']
  return `ALTER TABLE ${qualifiedTable} SET (
  ${names[0]},
  ${names[1]} = ${quoteLiteral(segmentByText(segmentBy))},
  ${names[2]} = ${quoteLiteral(orderByText(orderBy))}
)`
}

export type ChunkAction = 'compress' | 'decompress'

/** One chunk (its oid is $1) compressed or decompressed; a no-op if it already is. */
export function chunkActionSql(ts: TimescaleFeatures, action: ChunkAction): string {
  if (ts.api === 'columnstore') {
    return action === 'compress'
      ? `CALL ${tsFunction(ts, 'convert_to_columnstore')}($1::oid::regclass, if_not_columnstore => true)`
      : `CALL ${tsFunction(ts, 'convert_to_rowstore')}($1::oid::regclass, if_columnstore => true)`
  }
  return action === 'compress'
    ? `SELECT ${tsFunction(ts, 'compress_chunk')}($1::oid::regclass, if_not_compressed => true)`
    : `SELECT ${tsFunction(ts, 'decompress_chunk')}($1::oid::regclass, if_compressed => true)`
}

/** Adds ($1 = hypertable oid, $2 = interval) or removes ($1) the compression policy. */
export function compressionPolicySql(ts: TimescaleFeatures, action: 'add' | 'remove'): string {
  if (ts.api === 'columnstore') {
    return action === 'add'
      ? `CALL ${tsFunction(ts, 'add_columnstore_policy')}($1::oid::regclass, after => $2::interval)`
      : `CALL ${tsFunction(ts, 'remove_columnstore_policy')}($1::oid::regclass, if_exists => true)`
  }
  return action === 'add'
    ? `SELECT ${tsFunction(ts, 'add_compression_policy')}($1::oid::regclass, compress_after => $2::interval)`
    : `SELECT ${tsFunction(ts, 'remove_compression_policy')}($1::oid::regclass, if_exists => true)`
}
