/**
 * The quick start's own final query, read from the seed document at test and
 * bench time, so what we compare against is its exact SQL, not our retelling.
 */
import { quickStartText } from './quick-start'

/** The query as printed: psycopg2 placeholders (%s) for location and type. */
export function quickStartQueryText(): string {
  const text = quickStartText()
  const queries = [...text.matchAll(/query = """([\s\S]*?)"""/g)].map((m) => m[1] ?? '')
  const query = queries.find((q) => q.includes('time_bucket('))
  if (!query) throw new Error('The quick start no longer has a time_bucket query')
  return query.trim()
}

/** psycopg2's %s placeholders as PostgreSQL's $1, $2, ... */
export function withDollarPlaceholders(sql: string): string {
  let n = 0
  return sql.replace(/%s/g, () => `$${++n}`)
}

/**
 * Without TimescaleDB there is no time_bucket: the same statement with
 * date_bin and time_bucket's default origin (2000-01-03), which gives the same
 * 5-minute buckets.
 */
export function withDateBin(sql: string): string {
  const replaced = sql.replace(
    "time_bucket('5 minutes', time)",
    "date_bin('5 minutes', time, TIMESTAMPTZ '2000-01-03 00:00:00+00')",
  )
  if (replaced === sql) throw new Error('The quick start query no longer has time_bucket(...)')
  return replaced
}
