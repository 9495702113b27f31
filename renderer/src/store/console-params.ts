import { formatKey, ParamError, statementParams, type ParamValue } from '../../../shared/sql/params'
import { splitStatements } from '../../../shared/sql/split'
import { fromLocalInput } from '../format'

/**
 * The parameter form: one value per placeholder of the editor's text, as
 * psycopg2 and PostgreSQL name them (`$1`, `%s #1`, `%(name)s`). Values are
 * sent as parameters, never spliced into the SQL.
 */
export type ParamType = 'text' | 'number' | 'timestamp' | 'null'

/** What the form holds for one placeholder: its type and the text typed (a timestamp as datetime-local). */
export interface ParamDraft {
  type: ParamType
  text: string
}

export const emptyParam: ParamDraft = { type: 'text', text: '' }

/** The value sent for a draft: a timestamp goes as an ISO instant, so the server reads it in UTC. */
export function toParamValue(draft: ParamDraft): ParamValue {
  if (draft.type === 'null') return { type: 'null' }
  if (draft.type === 'timestamp') {
    const ms = fromLocalInput(draft.text)
    return { type: 'timestamp', value: ms === null ? draft.text : new Date(ms).toISOString() }
  }
  return { type: draft.type, value: draft.text }
}

export interface ScriptSlots {
  /** Placeholder keys in order of first appearance, `%s` numbered through the whole text. */
  slots: string[]
  /** A statement mixes placeholder styles: what to fix (the run would be refused). */
  problem: string | null
}

/** The placeholders of the editor's whole text, numbered as "Run all" numbers them. */
export function scriptSlots(text: string): ScriptSlots {
  const slots: string[] = []
  let base = 0
  for (const span of splitStatements(text)) {
    try {
      const found = statementParams(span, base)
      if (found.style === 'format') base += found.slots.length
      for (const key of found.slots) if (!slots.includes(key)) slots.push(key)
    } catch (error) {
      if (error instanceof ParamError) return { slots, problem: error.message }
      throw error
    }
  }
  return { slots, problem: null }
}

/** How many `%s` the text has before `offset`, outside literals and comments. */
function formatBefore(text: string, offset: number): number {
  let count = 0
  for (const span of splitStatements(text)) {
    if (span.start >= offset) break
    for (const token of span.tokens) {
      const at = span.start + token.start
      if (at >= offset) break
      if (token.kind === 'pyformat' && span.text.slice(token.start, token.end) === '%s') count++
    }
  }
  return count
}

/**
 * The values to send with the part of the editor's text that runs (the
 * statement at the cursor, a selection): the backend numbers its `%s` from
 * 1, the form by their place in the whole text. Placeholders the form has no
 * value for are left out, so the backend says which one is missing.
 */
export function paramsFor(
  text: string,
  run: { sql: string; offset: number },
  drafts: Readonly<Record<string, ParamDraft>>,
): Record<string, ParamValue> {
  const shift = formatBefore(text, run.offset)
  const values: Record<string, ParamValue> = {}
  let base = 0
  for (const span of splitStatements(run.sql)) {
    let found
    try {
      found = statementParams(span, base)
    } catch {
      continue // the backend refuses the statement and says why
    }
    if (found.style === 'format') base += found.slots.length
    for (const key of found.slots) {
      const formKey = found.style === 'format' ? formatKey(Number(key.slice(4)) + shift) : key
      const draft = drafts[formKey]
      if (draft) values[key] = toParamValue(draft)
    }
  }
  return values
}
