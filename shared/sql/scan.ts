/**
 * A lexer for PostgreSQL's SQL, just deep enough to know where statements end
 * and where placeholders are: it knows string literals ('…', E'…', U&'…',
 * B'…', X'…'), quoted identifiers, dollar quotes, line and nested block
 * comments, and `$n` / psycopg2 `%s` `%(name)s` `%%` outside all of those.
 * Everything else is words and punctuation. Linear in the text's length.
 */

export type TokenKind =
  | 'space'
  | 'comment'
  | 'string'
  | 'ident' // a quoted identifier
  | 'dollar' // a dollar-quoted string
  | 'word' // a keyword or bare identifier
  | 'param' // $1
  | 'pyformat' // %s, %(name)s, %%
  | 'semicolon'
  | 'open'
  | 'close'
  | 'other'

export interface Token {
  kind: TokenKind
  /** Offsets into the text: [start, end). */
  start: number
  end: number
  /** A string, identifier, dollar quote or block comment that runs to the end of the text. */
  unterminated?: boolean
}

const isWordStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c)
const isWordPart = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c)
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f'

/** Where a quoted run that started at `from` (just after its opening quote) ends. */
function endOfQuoted(text: string, from: number, quote: string, backslashes: boolean): number {
  let i = from
  while (i < text.length) {
    const c = text[i]
    if (backslashes && c === '\\') {
      i += 2
      continue
    }
    if (c === quote) {
      if (text[i + 1] === quote) {
        i += 2
        continue
      }
      return i + 1
    }
    i++
  }
  return -1
}

function endOfBlockComment(text: string, from: number): number {
  let depth = 1
  let i = from
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++
      i += 2
    } else if (text.startsWith('*/', i)) {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  return -1
}

const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y
const PYFORMAT = /%(?:s|%|\([^)]*\)s)/y

export function scanSql(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const push = (kind: TokenKind, start: number, end: number) => {
    if (end === -1) tokens.push({ kind, start, end: text.length, unterminated: true })
    else tokens.push({ kind, start, end })
    return end === -1 ? text.length : end
  }
  while (i < text.length) {
    const c = text[i] as string
    const next = text[i + 1] ?? ''
    const prevIsWord = i > 0 && isWordPart(text[i - 1] as string)
    if (isSpace(c)) {
      let j = i + 1
      while (j < text.length && isSpace(text[j] as string)) j++
      i = push('space', i, j)
    } else if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i)
      i = push('comment', i, nl === -1 ? text.length : nl)
    } else if (c === '/' && next === '*') {
      i = push('comment', i, endOfBlockComment(text, i + 2))
    } else if (c === "'") {
      i = push('string', i, endOfQuoted(text, i + 1, "'", false))
    } else if (c === '"') {
      i = push('ident', i, endOfQuoted(text, i + 1, '"', false))
    } else if ((c === 'E' || c === 'e') && next === "'" && !prevIsWord) {
      i = push('string', i, endOfQuoted(text, i + 2, "'", true))
    } else if (/[BbXxNn]/.test(c) && next === "'" && !prevIsWord) {
      i = push('string', i, endOfQuoted(text, i + 2, "'", false))
    } else if ((c === 'U' || c === 'u') && next === '&' && /['"]/.test(text[i + 2] ?? '')) {
      const quote = text[i + 2] as string
      i = push(quote === "'" ? 'string' : 'ident', i, endOfQuoted(text, i + 3, quote, false))
    } else if (c === '$' && !prevIsWord) {
      DOLLAR_TAG.lastIndex = i
      const tag = DOLLAR_TAG.exec(text)
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length)
        i = push('dollar', i, close === -1 ? -1 : close + tag[0].length)
      } else if (/[0-9]/.test(next)) {
        let j = i + 1
        while (j < text.length && /[0-9]/.test(text[j] as string)) j++
        i = push('param', i, j)
      } else i = push('other', i, i + 1)
    } else if (isWordStart(c)) {
      let j = i + 1
      while (j < text.length && isWordPart(text[j] as string)) j++
      i = push('word', i, j)
    } else if (c === '%') {
      PYFORMAT.lastIndex = i
      const m = PYFORMAT.exec(text)
      i = push(m ? 'pyformat' : 'other', i, m ? i + m[0].length : i + 1)
    } else if (c === ';') {
      i = push('semicolon', i, i + 1)
    } else if (c === '(' || c === '[') {
      i = push('open', i, i + 1)
    } else if (c === ')' || c === ']') {
      i = push('close', i, i + 1)
    } else {
      i = push('other', i, i + 1)
    }
  }
  return tokens
}

/** The words of a statement in upper case, skipping everything else (for classifying it). */
export function keywordsOf(text: string, tokens: readonly Token[] = scanSql(text)): string[] {
  return tokens
    .filter((t) => t.kind === 'word')
    .map((t) => text.slice(t.start, t.end).toUpperCase())
}
