/**
 * A relation's columns as one JSON value per relation (so a whole catalog,
 * or a table and everything it references, comes back in one statement), and
 * what each column can be in a chart.
 */
import type { CatalogColumn, TimeKind } from '../../../shared/domain/catalog'

/** SQL: one column (a = pg_attribute, bt = its base pg_type) as JSON; `leads` says an index leads with it. */
function columnJson(leads: string): string {
  return `json_build_object(
            'n', a.attname,
            't', format_type(a.atttypid, a.atttypmod),
            'b', CASE WHEN bt.typnamespace = 'pg_catalog'::regnamespace THEN bt.typname END,
            'e', bt.typtype = 'e',
            'nn', a.attnotnull,
            'k', a.attnum,
            'li', ${leads})`
}

const COLUMN_FROM = `FROM pg_attribute a
     JOIN pg_type t ON t.oid = a.atttypid
     JOIN pg_type bt ON bt.oid = COALESCE(NULLIF(t.typbasetype, 0), t.oid)`

/** SQL condition: a plain btree index (no predicate) of relation `rel` starts with attnum `num`. */
const LEADING_INDEX_FROM = `pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid
                           JOIN pg_am am ON am.oid = ic.relam`
const LEADING_INDEX_WHERE = `ix.indpred IS NULL AND am.amname = 'btree'`

/**
 * SQL: a json array of the columns of the relation whose oid is `relOid` (an
 * SQL expression), in table order. The base type is named only when it is
 * PostgreSQL's own (a user type called int4 in another schema is not one).
 */
export function columnsJsonSql(relOid: string): string {
  const leads = `EXISTS (SELECT 1 FROM ${LEADING_INDEX_FROM}
                          WHERE ix.indrelid = a.attrelid AND ix.indkey[0] = a.attnum
                            AND ${LEADING_INDEX_WHERE})`
  return `(SELECT json_agg(${columnJson(leads)} ORDER BY a.attnum)
     ${COLUMN_FROM}
    WHERE a.attrelid = ${relOid} AND a.attnum > 0 AND NOT a.attisdropped)`
}

/**
 * SQL: CTEs `leads` and `cols` giving (attrelid, columns) for every relation
 * in the CTE `relSet` (column oid), by hash joins rather than one subquery
 * per relation and column: what keeps a catalog of thousands of tables fast.
 */
export function columnsCteSql(relSet: string): string {
  return `leads AS (
  SELECT DISTINCT ix.indrelid, ix.indkey[0] AS attnum
    FROM ${LEADING_INDEX_FROM}
   WHERE ix.indrelid IN (SELECT oid FROM ${relSet}) AND ${LEADING_INDEX_WHERE}
),
cols AS (
  SELECT a.attrelid, json_agg(${columnJson('l.attnum IS NOT NULL')} ORDER BY a.attnum) AS columns
     ${COLUMN_FROM}
     LEFT JOIN leads l ON l.indrelid = a.attrelid AND l.attnum = a.attnum
    WHERE a.attrelid IN (SELECT oid FROM ${relSet}) AND a.attnum > 0 AND NOT a.attisdropped
    GROUP BY a.attrelid
)`
}

/** One element of columnsJsonSql's array. */
export interface RawColumn {
  n: string
  t: string
  b: string | null
  e: boolean
  nn: boolean
  k: number
  li: boolean
}

/** A column as the backend keeps it: what the renderer sees, plus what SQL building needs. */
export interface EntryColumn extends CatalogColumn {
  /** PostgreSQL's own name of the base type (int4, timestamptz, numeric...), or null. */
  baseType: string | null
  /** numeric(p, s)'s precision; null when unconstrained or not numeric. */
  numericPrecision: number | null
  /** A plain btree index leads with this column (loose index scans, first/last reads). */
  leadsIndex: boolean
}

const TIME_KINDS: Record<string, TimeKind> = {
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
  date: 'date',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
}
const NUMERIC = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'])
const SPLITTABLE = new Set(['text', 'varchar', 'bpchar', 'int2', 'int4', 'int8', 'bool', 'uuid'])

export function toEntryColumn(raw: RawColumn): EntryColumn {
  const base = raw.b
  const precision = base === 'numeric' ? /^numeric\((\d+)/.exec(raw.t)?.[1] : undefined
  return {
    name: raw.n,
    type: raw.t,
    notNull: raw.nn,
    time: base ? (TIME_KINDS[base] ?? null) : null,
    numeric: base !== null && NUMERIC.has(base),
    splittable: raw.e || (base !== null && SPLITTABLE.has(base)),
    baseType: base,
    numericPrecision: precision ? Number(precision) : null,
    leadsIndex: raw.li,
  }
}

/** The renderer's view of a column (the backend's extras stay in the backend). */
export function publicColumn(c: EntryColumn): CatalogColumn {
  return {
    name: c.name,
    type: c.type,
    notNull: c.notNull,
    time: c.time,
    numeric: c.numeric,
    splittable: c.splittable,
  }
}

export function parseColumns(json: unknown): EntryColumn[] {
  return Array.isArray(json) ? (json as RawColumn[]).map(toEntryColumn) : []
}

/** The time dimension when there is one, else the first column of a time type (not integers). */
export function defaultTimeColumn(
  columns: readonly CatalogColumn[],
  dimension: string | null,
): string | null {
  if (dimension && columns.some((c) => c.name === dimension && c.time !== null)) return dimension
  return columns.find((c) => c.time !== null && c.time !== 'integer')?.name ?? null
}
