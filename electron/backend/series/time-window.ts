import { dateOfDayNumber, dayNumber, localDateOf, localMidnight } from '../../../shared/time-zone'

/**
 * The first calendar day whose local midnight in the zone is at or after the
 * instant, as YYYY-MM-DD: a date column's half-open range [from, to) holds
 * the days from dayAtOrAfter(from) up to, not including, dayAtOrAfter(to).
 */
export function dayAtOrAfter(epochMs: number, timeZone: string): string {
  let date = localDateOf(epochMs, timeZone)
  if (localMidnight(date, timeZone) < epochMs) date = dateOfDayNumber(dayNumber(date) + 1)
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`
}
