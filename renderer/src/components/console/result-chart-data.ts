import type { Cell, ResultColumn } from '../../../../shared/domain/console'

const TIME_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone', 'date'])
const NUMBER_TYPES = new Set([
  'smallint',
  'integer',
  'bigint',
  'real',
  'double precision',
  'numeric',
])
const TEXT_TYPES = new Set(['text', 'character varying', 'character', 'name', '"char"'])
/** Series a chart draws at most (split values × numeric columns). */
export const MAX_SERIES = 24

export interface ChartShape {
  time: number
  values: number[]
  /** Text columns a chart can be split by. */
  splits: number[]
}

/** A result can be charted when it has a time column and at least one numeric one. */
export function chartShape(columns: readonly ResultColumn[]): ChartShape | null {
  const time = columns.findIndex((c) => TIME_TYPES.has(c.typeName))
  const values = columns.flatMap((c, i) => (NUMBER_TYPES.has(c.typeName) ? [i] : []))
  if (time === -1 || values.length === 0) return null
  const splits = columns.flatMap((c, i) => (TEXT_TYPES.has(c.typeName) ? [i] : []))
  return { time, values, splits }
}

/**
 * PostgreSQL's text for a time, as epoch milliseconds: "2024-01-02 03:04:05.6+00",
 * "…+05:30", a timestamp without zone (read as UTC), a date. Null if it is none of them.
 */
export function parsePgTime(text: string): number | null {
  const m =
    /^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?))?([+-]\d\d(?::?\d\d)?)?$/.exec(text)
  if (!m) return null
  const zone = m[3] ? (m[3].length === 3 ? `${m[3]}:00` : m[3]) : 'Z'
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`)
  return Number.isNaN(ms) ? null : ms
}

export interface ChartSeries {
  label: string
  values: (number | null)[]
}

export interface ResultChartData {
  /** Seconds, sorted, one per distinct time. */
  x: number[]
  series: ChartSeries[]
  /** Series left out past MAX_SERIES. */
  omitted: number
}

/**
 * The rows as uPlot's aligned columns: one series per numeric column, or per
 * numeric column and value of the split column, on the union of the times.
 */
export function toChartData(
  columns: readonly ResultColumn[],
  rows: readonly Cell[][],
  shape: ChartShape,
  split: number | null,
): ResultChartData {
  const times = new Map<number, number>()
  const points: { t: number; key: string; column: number; value: number }[] = []
  for (const row of rows) {
    const t = parsePgTime(String(row[shape.time] ?? ''))
    if (t === null) continue
    times.set(t, 0)
    const key = split === null ? '' : (row[split] ?? 'NULL')
    for (const column of shape.values) {
      const cell = row[column]
      const value = cell === null || cell === undefined ? NaN : Number(cell)
      if (Number.isFinite(value)) points.push({ t, key, column, value })
    }
  }
  const x = [...times.keys()].sort((a, b) => a - b)
  x.forEach((t, i) => times.set(t, i))
  const byLabel = new Map<string, (number | null)[]>()
  let omitted = 0
  for (const p of points) {
    const name = columns[p.column]?.name ?? ''
    const label = split === null ? name : shape.values.length > 1 ? `${p.key} · ${name}` : p.key
    let values = byLabel.get(label)
    if (!values) {
      if (byLabel.size >= MAX_SERIES) {
        omitted++
        continue
      }
      values = new Array<number | null>(x.length).fill(null)
      byLabel.set(label, values)
    }
    values[times.get(p.t) as number] = p.value
  }
  return {
    x: x.map((ms) => ms / 1000),
    series: [...byLabel.entries()].map(([label, values]) => ({ label, values })),
    omitted,
  }
}
