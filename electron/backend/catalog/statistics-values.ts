/**
 * pg_stats' most common values of a column: what the values list falls back
 * to when no index leads with the column and no foreign key names its values.
 */
import type { SplitValue, TableRef } from '../../../shared/domain/catalog'
import type { Queryable } from '../db/driver'
import { Params } from '../db/params'
import type { EntryColumn } from './columns'
import type { Found, ValuesOptions } from './values'

interface StatsRow {
  v: string
  f: number
}

function compareValues(column: EntryColumn) {
  const integer =
    column.baseType === 'int2' || column.baseType === 'int4' || column.baseType === 'int8'
  return (a: SplitValue, b: SplitValue) => {
    const x = a.value ?? ''
    const y = b.value ?? ''
    if (integer) {
      const d = BigInt(x) - BigInt(y)
      return d < 0n ? -1 : d > 0n ? 1 : 0
    }
    return x < y ? -1 : x > y ? 1 : 0
  }
}

/**
 * pg_stats' most common values of the column, over the table and its children
 * (a hypertable's statistics live on its chunks): the most frequent first,
 * then in order. Complete when those values cover every sampled row.
 */
export async function statisticsValues(
  db: Queryable,
  table: TableRef,
  column: EntryColumn,
  options: ValuesOptions,
): Promise<Found> {
  const p = new Params()
  const schema = p.add(table.schema, 'text')
  const name = p.add(table.name, 'text')
  const attname = p.add(column.name, 'text')
  const search = options.search ? ` AND starts_with(x.v, ${p.add(options.search, 'text')})` : ''
  const stats = `(SELECT s.* FROM pg_stats s
     WHERE s.attname = ${attname}
       AND ((s.schemaname = ${schema} AND s.tablename = ${name})
         OR (s.schemaname, s.tablename) IN (
              SELECT cn.nspname, ch.relname FROM pg_inherits i
                JOIN pg_class ch ON ch.oid = i.inhrelid
                JOIN pg_namespace cn ON cn.oid = ch.relnamespace
               WHERE i.inhparent = to_regclass(format('%I.%I', ${schema}, ${name})))))`
  const { rows } = await db.query<StatsRow & { complete: boolean | null; analysed: number }>(
    `WITH st AS ${stats},
     x AS (SELECT unnest(st.most_common_vals::text::text[]) AS v, unnest(st.most_common_freqs) AS f FROM st)
SELECT x.v, max(x.f)::float8 AS f,
       (SELECT bool_and(COALESCE((SELECT sum(q) FROM unnest(st.most_common_freqs) q), 0) + st.null_frac >= 0.999) FROM st) AS complete,
       (SELECT count(*) FROM st)::int AS analysed
  FROM x WHERE true${search}
 GROUP BY x.v ORDER BY 2 DESC, 1 LIMIT ${p.add(options.limit + 1, 'int')}`,
    p.values,
    options,
  )
  const bool = column.baseType === 'bool'
  const values = rows.map((r) => {
    // Arrays print booleans as t / f; the app says true / false as bool::text does.
    const value = bool ? (r.v === 't' ? 'true' : r.v === 'f' ? 'false' : r.v) : r.v
    return { value, label: value }
  })
  const more = values.length > options.limit
  const chosen = values.slice(0, options.limit).sort(compareValues(column))
  const analysed = rows.length > 0
  return {
    values: chosen,
    source: 'statistics',
    more,
    total: analysed && !more && rows[0]?.complete === true ? chosen.length : null,
    complete: analysed && !more && rows[0]?.complete === true,
    note: analysed
      ? `From the statistics' most common values of ${column.name} (no index leads with it), so rarer values may be missing. An index on (${column.name}) would list them all.`
      : `No statistics on ${column.name} yet and no index leads with it: run ANALYZE on ${table.name}, or create an index on (${column.name}), to list its values.`,
  }
}
