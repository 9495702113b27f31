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

/** epoch ms -> the value of an <input type="datetime-local"> (local time). */
export function toLocalInput(epochMs: number): string {
  const d = new Date(epochMs)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The value of an <input type="datetime-local"> -> epoch ms, or null when incomplete. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null
  const t = new Date(value).getTime()
  return Number.isNaN(t) ? null : t
}
