/**
 * The rows behind a chart: what "Export CSV" writes as raw rows. One
 * statement for the chart's range, filters and split (names from the plan,
 * so from the catalog and quoted; values are parameters), read through a
 * cursor by series/raw-export.ts.
 */
import { zoneOffsetMs } from '../../../shared/time-zone'
import { conditionSql } from '../catalog/conditions'
import { Params } from '../db/params'
import { instantExpr, rangeConditions } from './chart-sql'
import type { ChartPlan } from './plan'

export interface RowsRange {
  from: number
  to: number
  timeZone: string
}

export interface RowsStatement {
  sql: string
  params: unknown[]
  /** "time", the split column (when split), then each measured column once. */
  columns: string[]
}

/** "+05:30": the zone's offset at an instant. */
function offsetText(epochMs: number, timeZone: string): string {
  const minutes = Math.round(zoneOffsetMs(epochMs, timeZone) / 60_000)
  const abs = Math.abs(minutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`
}

/**
 * Every row of the range, in time order (ties in the order of every exported
 * column, so the file is the same each time): the instant in ms and on the
 * zone's wall clock, then each column as text, as psql prints it.
 */
export function rowsStatement(plan: ChartPlan, range: RowsRange): RowsStatement {
  const p = new Params()
  const window = { fromMs: range.from, toMs: range.to, timeZone: range.timeZone }
  const where = [...rangeConditions(plan.time, window, p).conditions]
  let zone: string | null = null
  const zoneRef = () => (zone ??= p.add(range.timeZone, 'text'))
  const instant = instantExpr(plan.time, zoneRef)
  const columns = ['time']
  const select = [
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
  const joins = plan.joins.filter((j) => through.has(j.fk)).map((j) => `\n${j.sql}`)
  const order = [plan.time.raw, ...select.slice(2).map((_, i) => String(i + 3))]
  const sql = `SELECT ${select.join(',\n       ')}
FROM ${plan.source}${joins.join('')}
WHERE ${where.join('\n  AND ')}
ORDER BY ${order.join(', ')}`
  return { sql, params: p.values, columns }
}

/** One row of rowsStatement as CSV cells: the time in ISO 8601 with the zone's offset, then text. */
export function rowCells(row: readonly unknown[], timeZone: string): (string | null)[] {
  const ms = Number(row[0])
  const time = `${String(row[1])}${offsetText(ms, timeZone)}`
  return [time, ...row.slice(2).map((v) => (v === null ? null : String(v)))]
}
