import type { EntryColumn } from './columns'
import type { Params } from '../db/params'

/** "This column is one of these values" (null stands for SQL NULL). */
export interface Condition {
  column: EntryColumn
  values: (string | null)[]
}

/**
 * SQL for `expr` being one of `values`. The array parameter takes the
 * column's own type from where it stands, so an integer, uuid or enum column
 * is compared as itself (and its index serves the condition).
 */
export function conditionSql(expr: string, values: readonly (string | null)[], p: Params): string {
  // No value at all: nothing matches (an empty key list, say).
  if (values.length === 0) return 'false'
  const present = values.filter((v): v is string => v !== null)
  const withNull = present.length < values.length
  if (present.length === 0) return `${expr} IS NULL`
  const any = `${expr} = ANY(${p.ref(present)})`
  return withNull ? `(${any} OR ${expr} IS NULL)` : any
}
