/**
 * What a continuous aggregate stores, read from its view definition as
 * PostgreSQL prints it (pg_get_viewdef): which target is the time bucket,
 * which are plain group columns, and which aggregate each other column holds.
 * Anything this does not recognise is left out, so a chart never relies on a
 * column whose meaning we only guessed.
 */
import type { RollupColumn } from '../../../shared/domain/rollups'

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`
const unquote = (ident: string) =>
  ident.startsWith('"') ? ident.slice(1, -1).replaceAll('""', '"') : ident

/** The column a reference names: `d.x`, `"t".x`, `x`. */
const COLUMN_REF = new RegExp(String.raw`^(?:${IDENT}\.)?(${IDENT})$`)
function columnOf(ref: string): string | null {
  const m = COLUMN_REF.exec(ref.trim())
  return m?.[1] ? unquote(m[1]) : null
}

export interface ParsedDefinition {
  bucketColumn: string | null
  timeColumn: string | null
  groupColumns: { column: string; source: string }[]
  columns: RollupColumn[]
}

/** Splits the SELECT list at top-level commas. */
function targets(definition: string): string[] {
  const select = /^\s*SELECT\s+([\s\S]*?)\n\s*FROM\s/i.exec(definition)?.[1] ?? ''
  const out: string[] = []
  let depth = 0
  let quoted: string | null = null
  let start = 0
  for (let i = 0; i < select.length; i++) {
    const ch = select[i]
    if (quoted) {
      if (ch === quoted) quoted = null
    } else if (ch === '"' || ch === "'") quoted = ch
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      out.push(select.slice(start, i).trim())
      start = i + 1
    }
  }
  out.push(select.slice(start).trim())
  return out.filter((t) => t.length > 0)
}

const AS = new RegExp(String.raw`^([\s\S]*?)\s+AS\s+(${IDENT})$`)
const AGGREGATE = /^(sum|count|min|max|first|last)\(([\s\S]*)\)$/
const BUCKET = /^(?:[A-Za-z_]+\.)?time_bucket\([^,]+,\s*([^,)]+)/

export function parseViewDefinition(definition: string): ParsedDefinition {
  const parsed: ParsedDefinition = {
    bucketColumn: null,
    timeColumn: null,
    groupColumns: [],
    columns: [],
  }
  for (const target of targets(definition)) {
    const as = AS.exec(target)
    const expr = (as?.[1] ?? target).trim()
    const bucket = BUCKET.exec(expr)
    if (bucket?.[1]) {
      parsed.timeColumn = columnOf(bucket[1])
      parsed.bucketColumn = as?.[2] ? unquote(as[2]) : 'time_bucket'
      continue
    }
    const plain = columnOf(expr)
    if (plain) {
      parsed.groupColumns.push({ column: as?.[2] ? unquote(as[2]) : plain, source: plain })
      continue
    }
    const agg = AGGREGATE.exec(expr)
    if (!agg?.[1] || !as?.[2]) continue
    const fn = agg[1] as RollupColumn['fn']
    const args = agg[2] ?? ''
    const name = unquote(as[2])
    if (fn === 'count' && args.trim() === '*') {
      parsed.columns.push({ column: name, fn, source: null })
      continue
    }
    // first/last take (value, time): keep only the value's column.
    const value = fn === 'first' || fn === 'last' ? args.split(',')[0] : args
    const source = value === undefined ? null : columnOf(value)
    if (source) parsed.columns.push({ column: name, fn, source })
  }
  return parsed
}
