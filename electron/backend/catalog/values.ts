/**
 * The values a chart can be split or filtered by, without reading a whole
 * table: a foreign key's referenced table, a loose index scan (one index
 * probe per distinct value) when an index leads with the column, else
 * pg_stats' most common values. Never SELECT DISTINCT over a hypertable.
 *
 * The statements are assembled from text, but only of two kinds: names taken
 * from the catalog entry the backend read itself (TableRef, EntryColumn,
 * EntryForeignKey; never the renderer's words), always through quoteIdent or
 * qualified(); and values, always bound through Params. Nothing else reaches SQL.
 */
import type { SplitValue, SplitValues, TableRef } from '../../../shared/domain/catalog'
import { AppError } from '../../../shared/errors'
import { quoteIdent, type Queryable, type QueryOptions } from '../db/driver'
import { sqlstateOf } from '../db/errors'
import { Params } from '../db/params'
import type { EntryColumn } from './columns'
import { foreignKeyOf, type CatalogEntry, type ResolvedColumn } from './entry'
import type { EntryForeignKey } from './keys'
import { qualified } from './time-range'
import { conditionSql, type Condition } from './conditions'
import { statisticsValues } from './statistics-values'

/** A value as the app names it everywhere: PostgreSQL's text, booleans as true/false. */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar'])
export const isTextColumn = (c: EntryColumn) => c.baseType !== null && TEXT_TYPES.has(c.baseType)

/** The referenced row's text columns name a foreign key's value: "a · floor (#1)". */
export function labelColumns(fk: EntryForeignKey): EntryColumn[] {
  return fk.referencedTableColumns
    .filter(
      (c) => !fk.referencedColumns.includes(c.name) && (isTextColumn(c) || c.baseType === null),
    )
    .filter((c) => c.splittable)
    .slice(0, 3)
}

export function foreignKeyLabel(key: string, labels: unknown[]): string {
  if (labels.length === 0) return key
  return `${labels.map((v) => valueText(v) ?? '—').join(' · ')} (#${key})`
}

export interface ValuesOptions extends QueryOptions {
  search: string
  limit: number
  /** Conditions on the referenced table's columns (a chart's filters through the same key). */
  conditions?: Condition[]
}

export interface Found {
  values: SplitValue[]
  source: SplitValues['source']
  /** More rows came back than the limit (so the list is cut). */
  more: boolean
  complete?: boolean
  total?: number | null
  note?: string | null
}

function finish(found: Found, limit: number): SplitValues {
  const values = found.values.slice(0, limit)
  return {
    values,
    source: found.source,
    complete: found.complete ?? !found.more,
    total: found.total !== undefined ? found.total : found.more ? null : values.length,
    note: found.note ?? null,
  }
}

/** A search that cannot be a value of the column (e.g. "abc" for an integer) matches nothing. */
async function orNothing(read: () => Promise<Found>, source: Found['source']): Promise<Found> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof AppError && sqlstateOf(error)?.startsWith('22')) {
      return { values: [], source, more: false }
    }
    throw error
  }
}

/** The referenced table's keys, labelled by its text columns, in key order. */
async function foreignKeyValues(
  db: Queryable,
  fk: EntryForeignKey,
  options: ValuesOptions,
): Promise<Found> {
  const key = quoteIdent(fk.referencedColumns[0] ?? '')
  const labels = labelColumns(fk)
  const p = new Params()
  const where = [`r.${key} IS NOT NULL`]
  for (const c of options.conditions ?? [])
    where.push(conditionSql(`r.${quoteIdent(c.column.name)}`, c.values, p))
  if (options.search) {
    if (fk.referencedTableSmall) {
      const s = p.add(options.search, 'text')
      const texts = [`r.${key}::text`, ...labels.map((c) => `lower(r.${quoteIdent(c.name)}::text)`)]
      where.push(
        `(${texts.map((t, i) => `starts_with(${t}, ${i === 0 ? s : `lower(${s})`})`).join(' OR ')})`,
      )
    } else {
      where.push(`r.${key} = ${p.ref(options.search)}`)
    }
  }
  const select = [`r.${key} AS v`, ...labels.map((c, i) => `r.${quoteIdent(c.name)} AS l${i}`)]
  // Counting every match reads the whole table: only a small one.
  if (fk.referencedTableSmall) select.push('count(*) OVER () AS total')
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${select.join(', ')} FROM ${qualified(fk.references)} r
WHERE ${where.join(' AND ')}
ORDER BY r.${key}
LIMIT ${p.add(options.limit + 1, 'int')}`,
    p.values,
    options,
  )
  return {
    values: rows.map((row) => {
      const value = valueText(row.v) ?? ''
      return {
        value,
        label: foreignKeyLabel(
          value,
          labels.map((_, i) => row[`l${i}`]),
        ),
      }
    }),
    source: 'foreign_key',
    more: rows.length > options.limit,
    total: fk.referencedTableSmall ? Number(rows[0]?.total ?? 0) : null,
  }
}

/**
 * One index probe per distinct value, in order: the first value at or after
 * the search, then each next one, stopping once a value no longer starts with it.
 */
async function looseIndexScan(
  db: Queryable,
  table: TableRef,
  column: EntryColumn,
  source: Found['source'],
  options: ValuesOptions,
): Promise<Found> {
  const c = `t.${quoteIdent(column.name)}`
  const from = qualified(table)
  const p = new Params()
  const text = isTextColumn(column)
  let sql: string
  if (options.search && !text) {
    // Not text: the search is a value, found with one probe.
    sql = `SELECT ${c} AS v FROM ${from} t WHERE ${c} = ${p.ref(options.search)} LIMIT 1`
  } else {
    const start = options.search ? ` AND ${c} >= ${p.ref(options.search)}` : ''
    const prefix = options.search ? p.add(options.search, 'text') : null
    const within = (v: string) => (prefix ? ` AND starts_with(${v}::text, ${prefix})` : '')
    sql = `WITH RECURSIVE r(v) AS (
  (SELECT ${c} FROM ${from} t WHERE ${c} IS NOT NULL${start} ORDER BY ${c} LIMIT 1)
  UNION ALL
  SELECT (SELECT ${c} FROM ${from} t WHERE ${c} > r.v ORDER BY ${c} LIMIT 1)
    FROM r WHERE r.v IS NOT NULL${within('r.v')}
)
SELECT v FROM r WHERE v IS NOT NULL${within('v')} LIMIT ${p.add(options.limit + 1, 'int')}`
  }
  const { rows } = await db.query<{ v: unknown }>(sql, p.values, options)
  return {
    values: rows.map((r) => {
      const value = valueText(r.v)
      return { value, label: value ?? '(none)' }
    }),
    source,
    more: rows.length > options.limit,
  }
}

/** A small referenced table's distinct values (read whole: SMALL_TABLE_BYTES at most). */
async function distinctValues(
  db: Queryable,
  table: TableRef,
  column: EntryColumn,
  options: ValuesOptions,
): Promise<Found> {
  const c = `t.${quoteIdent(column.name)}`
  const p = new Params()
  const where = [`${c} IS NOT NULL`]
  for (const cond of options.conditions ?? [])
    where.push(conditionSql(`t.${quoteIdent(cond.column.name)}`, cond.values, p))
  if (options.search) where.push(`starts_with(${c}::text, ${p.add(options.search, 'text')})`)
  const { rows } = await db.query<{ v: unknown; total: number | string }>(
    `SELECT v, count(*) OVER () AS total
  FROM (SELECT DISTINCT ${c} AS v FROM ${qualified(table)} t WHERE ${where.join(' AND ')}) k
 ORDER BY 1 LIMIT ${p.add(options.limit + 1, 'int')}`,
    p.values,
    options,
  )
  return {
    values: rows.map((r) => {
      const value = valueText(r.v)
      return { value, label: value ?? '(none)' }
    }),
    source: 'foreign_key',
    more: rows.length > options.limit,
    total: Number(rows[0]?.total ?? 0),
  }
}

/** The values of a split-by or filter column, by the cheapest read that cannot scan a big table. */
export async function readSplitValues(
  db: Queryable,
  entry: CatalogEntry,
  resolved: ResolvedColumn,
  options: ValuesOptions,
): Promise<SplitValues> {
  const { column, via } = resolved
  const ownKey = via ? null : foreignKeyOf(entry, column.name)
  let found: Found
  if (ownKey) {
    found = await orNothing(() => foreignKeyValues(db, ownKey, options), 'foreign_key')
  } else if (via) {
    const table = via.references
    if (column.leadsIndex && !options.conditions?.length) {
      found = await orNothing(
        () => looseIndexScan(db, table, column, 'foreign_key', options),
        'foreign_key',
      )
    } else if (via.referencedTableSmall) {
      found = await distinctValues(db, table, column, options)
    } else {
      found = await statisticsValues(db, table, column, options)
    }
  } else if (column.leadsIndex) {
    found = await orNothing(() => looseIndexScan(db, entry.ref, column, 'index', options), 'index')
  } else {
    found = await statisticsValues(db, entry.ref, column, options)
  }
  return finish(found, options.limit)
}
