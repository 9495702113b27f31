const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 })

export function formatValue(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '—' : numberFormat.format(value)
}

const withSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
const withMinutes = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

/** A bucket start in the user's local time, as precise as the bucket. */
export function localTime(epochMs: number, bucketSeconds = 60): string {
  const date = new Date(epochMs)
  if (bucketSeconds % 86_400 === 0) return dateOnly.format(date)
  return (bucketSeconds < 60 ? withSeconds : withMinutes).format(date)
}
