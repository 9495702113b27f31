/**
 * The reply's columns as uPlot wants them, and as CSV. Pure, so the render
 * benchmark and the unit tests use exactly what the view uses.
 */
import type uPlot from 'uplot'
import { csvCell } from '../../../../shared/chart-csv'
import { isoWithOffset } from '../../../../shared/time-zone'
import type { ChartReply, ChartSeries } from '../../../../shared/domain/chart'

/** NaN (a bucket without readings) becomes null, which uPlot draws as a gap. */
export function withNulls(values: Float64Array): (number | null)[] {
  const out = new Array<number | null>(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    out[i] = v === v ? v : null
  }
  return out
}

/** A series' identity across replies: a split value of one measure. */
export function seriesId(series: Pick<ChartSeries, 'measure' | 'key'>): string {
  return `${series.measure}:${series.key}`
}

/**
 * [times, the aggregate of each series, then min and max of each series when asked].
 * Times stay the reply's Float64Array of epoch seconds.
 */
export function toAlignedData(reply: ChartReply, minMax: boolean): uPlot.AlignedData {
  const data: uPlot.AlignedData[number][] = [reply.times]
  for (const s of reply.series) data.push(withNulls(s.values))
  if (minMax) {
    for (const s of reply.series) {
      data.push(s.min ? withNulls(s.min) : [])
      data.push(s.max ? withNulls(s.max) : [])
    }
  }
  return data as uPlot.AlignedData
}

/** Series index (in uPlot, 0 is x) of each series' average, min and max. */
export function seriesIndexes(count: number, minMax: boolean, i: number) {
  return {
    avg: 1 + i,
    min: minMax ? 1 + count + 2 * i : null,
    max: minMax ? 2 + count + 2 * i : null,
  }
}

/** Identity of the chart's shape: a reply of the same shape only needs setData. */
export function layoutKey(reply: ChartReply, minMax: boolean): string {
  return JSON.stringify([minMax, reply.series.map((s) => [seriesId(s), s.label])])
}

/**
 * Points with a gap on both sides draw no line; these are the ones to draw as
 * dots so no reading disappears.
 */
export function isolatedPoints(
  values: ArrayLike<number | null | undefined>,
  from: number,
  to: number,
): number[] {
  const out: number[] = []
  for (let i = from; i <= to; i++) {
    if (values[i] == null) continue
    if (values[i - 1] == null && values[i + 1] == null) out.push(i)
  }
  return out
}

function csvNumber(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '' : String(value)
}

/**
 * The plotted series: one row per bucket (its start in ISO 8601 with the
 * display zone's offset, e.g. 2026-01-10T05:30:00.000+05:30), one
 * column per series' aggregate (plus min and max when shown); empty = no readings.
 */
export function toCsv(reply: ChartReply, minMax: boolean): string {
  const header = ['bucket_start']
  for (const s of reply.series) {
    header.push(s.label)
    if (minMax) header.push(`${s.label} min`, `${s.label} max`)
  }
  const lines = [header.map(csvCell).join(',')]
  for (let i = 0; i < reply.times.length; i++) {
    const cells = [isoWithOffset((reply.times[i] ?? 0) * 1000, reply.timeZone)]
    for (const s of reply.series) {
      cells.push(csvNumber(s.values[i]))
      if (minMax) cells.push(csvNumber(s.min?.[i]), csvNumber(s.max?.[i]))
    }
    lines.push(cells.join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
