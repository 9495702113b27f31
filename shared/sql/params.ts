import type { Token } from './scan'
import type { StatementSpan } from './split'

/**
 * Placeholders as people write them: PostgreSQL's `$1`, and psycopg2's `%s`
 * and `%(name)s` (the quick start's). Each is a slot the user fills in once;
 * its key is what the form labels it with.
 */
export type PlaceholderStyle = 'none' | 'dollar' | 'format' | 'pyformat'

export interface StatementParams {
  style: PlaceholderStyle
  /** Slot keys in the order of the statement's `$1, $2, …` once converted. */
  slots: string[]
}

/** A value from the parameter form. Numbers and timestamps are checked and cast; text is left to the server to type. */
export type ParamValue = { type: 'text' | 'number' | 'timestamp'; value: string } | { type: 'null' }

export class ParamError extends Error {
  constructor(
    message: string,
    /** Offset in the statement of the placeholder at fault, if there is one. */
    readonly offset?: number,
  ) {
    super(message)
    this.name = 'ParamError'
  }
}

const dollarIndex = (text: string) => Number(text.slice(1))
const pyName = (text: string) => text.slice(2, -2)
export const formatKey = (n: number) => `%s #${n}`
export const namedKey = (name: string) => `%(${name})s`

function placeholderTokens(span: StatementSpan): Token[] {
  return span.tokens.filter((t) => t.kind === 'param' || t.kind === 'pyformat')
}

/**
 * The placeholders of one statement. `formatBase` is how many `%s` came in
 * earlier statements of the same script, so a script's `%s` are numbered
 * #1, #2, … throughout. Mixing styles in one statement is refused, as
 * psycopg2 refuses mixing `%s` with `%(name)s`.
 */
export function statementParams(span: StatementSpan, formatBase = 0): StatementParams {
  const found = placeholderTokens(span).filter((t) => span.text.slice(t.start, t.end) !== '%%')
  const styles = new Set(
    found.map((t) => {
      const text = span.text.slice(t.start, t.end)
      return t.kind === 'param' ? 'dollar' : text === '%s' ? 'format' : 'pyformat'
    }),
  )
  if (styles.size > 1) {
    const names = { dollar: '$1', format: '%s', pyformat: '%(name)s' } as const
    const list = [...styles].map((s) => names[s as keyof typeof names]).join(' and ')
    throw new ParamError(`This statement mixes ${list} placeholders; use one style per statement.`)
  }
  const style = ([...styles][0] ?? 'none') as PlaceholderStyle
  if (style === 'dollar') {
    const max = Math.max(...found.map((t) => dollarIndex(span.text.slice(t.start, t.end))))
    if (max > MAX_PARAMS) throw new ParamError(`At most ${MAX_PARAMS} parameters per statement.`)
    return { style, slots: Array.from({ length: max }, (_, i) => `$${i + 1}`) }
  }
  if (style === 'format')
    return { style, slots: found.map((_, i) => formatKey(formatBase + i + 1)) }
  if (style === 'pyformat') {
    const names = [...new Set(found.map((t) => pyName(span.text.slice(t.start, t.end))))]
    return { style, slots: names.map(namedKey) }
  }
  return { style, slots: [] }
}

export const MAX_PARAMS = 100

/** Where a piece of the sent text came from in the statement as written. */
interface Edit {
  from: number
  to: number
  sentFrom: number
  sentTo: number
}

export interface BoundStatement {
  /** The statement as sent: `$n` placeholders, `%%` as `%` in psycopg2 style. */
  sql: string
  /** One text (or null) per `$n`. */
  values: (string | null)[]
  /** Maps an offset in `sql` back to the statement as written. */
  toWritten(offset: number): number
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const INT4 = 2_147_483_647n
const INT8 = 9_223_372_036_854_775_807n

/** The cast psycopg2's literal would have had, so `%s AS sensor_id` is an integer as in the quick start. */
function castFor(value: ParamValue, key: string): string {
  if (value.type === 'timestamp') return '::timestamptz'
  if (value.type !== 'number') return ''
  const text = value.value.trim()
  if (!NUMBER.test(text))
    throw new ParamError(`${key} is not a number: enter digits, e.g. 42 or 3.5.`)
  if (!/^[+-]?\d+$/.test(text)) return '::numeric'
  const n = BigInt(text)
  const magnitude = n < 0n ? -n - 1n : n
  return magnitude <= INT4 ? '::int4' : magnitude <= INT8 ? '::int8' : '::numeric'
}

/**
 * Rewrites one statement for PostgreSQL: placeholders become `$n` with the
 * cast their value's type calls for, values go apart as parameters (never
 * into the text), and in psycopg2 style `%%` becomes `%` as psycopg2 makes it.
 */
export function bindStatement(
  span: StatementSpan,
  params: StatementParams,
  values: Readonly<Record<string, ParamValue>>,
): BoundStatement {
  const index = new Map(params.slots.map((key, i) => [key, i]))
  const bound = params.slots.map((key) => {
    const value = values[key]
    if (!value) throw new ParamError(`No value for ${key}: fill it in the parameter form.`)
    return value
  })
  const casts = params.slots.map((key, i) => castFor(bound[i] as ParamValue, key))
  const psycopg = params.style === 'format' || params.style === 'pyformat'
  const edits: Edit[] = []
  let sql = ''
  let at = 0
  let formatSeen = 0
  const replace = (from: number, to: number, text: string) => {
    sql += span.text.slice(at, from)
    edits.push({ from, to, sentFrom: sql.length, sentTo: sql.length + text.length })
    sql += text
    at = to
  }
  for (const token of span.tokens) {
    const text = span.text.slice(token.start, token.end)
    if (token.kind === 'param' && params.style === 'dollar') {
      const i = dollarIndex(text) - 1
      replace(token.start, token.end, `$${i + 1}${casts[i]}`)
    } else if (token.kind === 'pyformat' && text === '%%') {
      if (psycopg) replace(token.start, token.end, '%')
    } else if (token.kind === 'pyformat') {
      const key =
        params.style === 'format' ? (params.slots[formatSeen++] as string) : namedKey(pyName(text))
      const i = index.get(key) as number
      replace(token.start, token.end, `$${i + 1}${casts[i]}`)
    } else if (psycopg && token.kind !== 'space' && text.includes('%%')) {
      // psycopg2 formats the whole string, quoted text included: 'a%%' means 'a%'.
      for (let k = text.indexOf('%%'); k !== -1; k = text.indexOf('%%', k + 2)) {
        replace(token.start + k, token.start + k + 2, '%')
      }
    }
  }
  sql += span.text.slice(at)
  const valuesOut = bound.map((v) =>
    v.type === 'null' ? null : v.type === 'number' ? v.value.trim() : v.value,
  )
  return { sql, values: valuesOut, toWritten: (offset) => toWritten(edits, offset) }
}

function toWritten(edits: readonly Edit[], offset: number): number {
  let shift = 0
  for (const e of edits) {
    if (offset < e.sentFrom) break
    if (offset < e.sentTo) return e.from
    shift = e.to - e.sentTo
  }
  return offset + shift
}

/** PostgreSQL counts an error's position in characters from 1; JavaScript strings count UTF-16 units from 0. */
export function indexOfCharacter(text: string, position: number): number {
  let index = 0
  for (let n = 1; n < position && index < text.length; n++) {
    const code = text.charCodeAt(index)
    index += code >= 0xd800 && code <= 0xdbff ? 2 : 1
  }
  return Math.min(index, text.length)
}
