/**
 * The rows behind a chart, a page at a time (series/rows): what "Export CSV"
 * writes as raw rows. Each page continues from the last one's time column
 * value (an index on it serves the page), skipping the rows at that value
 * already sent; ties are ordered by every exported column, so no row is sent
 * twice or missed. Names come from the plan (catalog, quoted); values are parameters.
 */
import type { RowsPage, RowsRequest } from '../../../shared/domain/raw-rows'
import { zoneOffsetMs } from '../../../shared/time-zone'
import { conditionSql } from '../catalog/conditions'
import { lookupEntry } from '../catalog/entry'
import type { Queryable } from '../db/driver'
import { throwIfAborted } from '../db/errors'
import { Params } from '../db/params'
import { instantExpr, rangeConditions } from './chart-sql'
import { planChart, type ChartPlan, type PlanTime } from './plan'

const CURSOR_CAST: Record<PlanTime['kind'], string> = {
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
  date: 'date',
  integer: 'bigint',
}

/** "+05:30": the zone's offset at an instant. */
function offsetText(epochMs: number, timeZone: string): string {
  const minutes = Math.round(zoneOffsetMs(epochMs, timeZone) / 60_000)
  const abs = Math.abs(minutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`
}

function rowsStatement(plan: ChartPlan, request: RowsRequest) {
  const p = new Params()
  const window = { fromMs: request.from, toMs: request.to, timeZone: request.timeZone }
  const where = [...rangeConditions(plan.time, window, p).conditions]
  let zone: string | null = null
  const zoneRef = () => (zone ??= p.add(request.timeZone, 'text'))
  const instant = instantExpr(plan.time, zoneRef)
  const columns = ['time']
  const select = [
    `${plan.time.raw}::text AS cursor`,
    `extract(epoch FROM ${instant})::float8 * 1000 AS ms`,
    `to_char(${instant} AT TIME ZONE ${zoneRef()}, 'YYYY-MM-DD"T"HH24:MI:SS.US') AS wall`,
  ]
  const through = new Set(plan.split?.resolved.via ? [plan.split.resolved.via] : [])
  if (plan.split) {
    columns.push(plan.split.resolved.column.name)
    select.push(`${plan.split.expr}::text`)
  }
  const measured = new Set<string>()
  for (const m of plan.measures) {
    if (measured.has(m.column.name)) continue
    measured.add(m.column.name)
    columns.push(m.column.name)
    select.push(`${m.expr}::text`)
  }
  plan.filters.forEach((f) => {
    where.push(conditionSql(f.column.expr, f.values, p))
    if (f.column.resolved.via) through.add(f.column.resolved.via)
  })
  if (request.cursor) {
    where.push(`${plan.time.raw} >= ${p.add(request.cursor.time, CURSOR_CAST[plan.time.kind])}`)
  }
  const joins = plan.joins.filter((j) => through.has(j.fk)).map((j) => `\n${j.sql}`)
  // Ties on the time column in a fixed order: every exported column, so a page's skip is exact.
  const order = [plan.time.raw, ...select.slice(3).map((_, i) => String(i + 4))]
  const sql = `SELECT ${select.join(',\n       ')}
FROM ${plan.source}${joins.join('')}
WHERE ${where.join('\n  AND ')}
ORDER BY ${order.join(', ')}
LIMIT ${p.add(request.limit, 'int')} OFFSET ${p.add(request.cursor?.skip ?? 0, 'bigint')}`
  return { sql, params: p.values, columns }
}

export async function queryRows(
  db: Queryable,
  request: RowsRequest,
  signal?: AbortSignal,
): Promise<RowsPage> {
  const entry = await lookupEntry(db, request.spec.table, { signal })
  const plan = planChart(entry, request.spec)
  const { sql, params, columns } = rowsStatement(plan, request)
  const { rows } = await db.query<unknown[]>(sql, params, { signal, rowMode: 'array' })
  throwIfAborted(signal)
  const out = rows.map((row) => {
    const ms = Number(row[1])
    const time = `${String(row[2])}${offsetText(ms, request.timeZone)}`
    return [time, ...row.slice(3).map((v) => (v === null ? null : String(v)))]
  })
  let next: RowsPage['next'] = null
  const last = rows.at(-1)
  if (rows.length === request.limit && last) {
    const at = String(last[0])
    const tied = rows.filter((r) => String(r[0]) === at).length
    const before = request.cursor?.time === at ? request.cursor.skip : 0
    next = { time: at, skip: tied === rows.length ? before + tied : tied }
  }
  return { columns, rows: out, next, sql, params }
}
