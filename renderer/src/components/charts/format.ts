import { measureLabel, type Measure } from '../../../../shared/domain/chart'

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 })

export function formatValue(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '—' : numberFormat.format(value)
}

type Precision = 'seconds' | 'minutes' | 'date'
const styles: Record<Precision, Intl.DateTimeFormatOptions> = {
  seconds: { dateStyle: 'medium', timeStyle: 'medium' },
  minutes: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
}
// Formatters are costly to make and the legend formats on every mouse move: one per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(precision: Precision, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${precision}|${timeZone ?? ''}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...styles[precision], timeZone })
    formatters.set(key, f)
  }
  return f
}

/** An instant in the display time zone (the OS's when none is given), as precise as the bucket. */
export function localTime(epochMs: number, bucketSeconds = 60, timeZone?: string): string {
  const precision =
    bucketSeconds % 86_400 === 0 ? 'date' : bucketSeconds < 60 ? 'seconds' : 'minutes'
  return formatter(precision, timeZone).format(new Date(epochMs))
}

/** The measures drawn, for the y axis and the chart's name: "avg(temperature), max(cpu)". */
export function measuresLabel(measures: readonly Measure[]): string {
  return measures.map(measureLabel).join(', ')
}
