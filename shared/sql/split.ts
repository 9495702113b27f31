import { scanSql, type Token } from './scan'

/** One statement of a script, as offsets into the script. */
export interface StatementSpan {
  /** Its text, from its first token to its last (comments before it included, the `;` not). */
  text: string
  start: number
  end: number
  /** Its tokens, offsets relative to `text`. */
  tokens: Token[]
}

const meaningful = (t: Token) => t.kind !== 'space' && t.kind !== 'comment'

/**
 * Splits a script into statements the way psql does: at `;` outside quotes,
 * comments, dollar quotes and parentheses, and not inside the body of a
 * `CREATE FUNCTION … BEGIN ATOMIC … END`. Statements made only of comments
 * and space are dropped.
 */
export function splitStatements(script: string): StatementSpan[] {
  const tokens = scanSql(script)
  const statements: StatementSpan[] = []
  let current: Token[] = []
  let depth = 0
  let atomic = 0
  let routine: boolean | null = null
  const words: string[] = []
  let previousWord = ''

  const flush = () => {
    const first = current.findIndex(meaningful)
    if (first !== -1) {
      let last = current.length - 1
      while (last > first && !meaningful(current[last] as Token)) last--
      // Comments directly above a statement belong to it (they often name it).
      let from = first
      while (from > 0 && current[from - 1]?.kind === 'comment') from--
      while (
        from > 0 &&
        current[from - 1]?.kind === 'space' &&
        current[from - 2]?.kind === 'comment'
      )
        from -= 2
      const start = (current[from] as Token).start
      const end = (current[last] as Token).end
      statements.push({
        text: script.slice(start, end),
        start,
        end,
        tokens: current
          .slice(from, last + 1)
          .map((t) => ({ ...t, start: t.start - start, end: t.end - start })),
      })
    }
    current = []
    depth = 0
    atomic = 0
    routine = null
    words.length = 0
    previousWord = ''
  }

  for (const token of tokens) {
    if (token.kind === 'semicolon' && depth === 0 && atomic === 0) {
      flush()
      continue
    }
    current.push(token)
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth = Math.max(0, depth - 1)
    else if (token.kind === 'word') {
      const word = script.slice(token.start, token.end).toUpperCase()
      if (words.length < 4) words.push(word)
      if (routine === null && words.length >= 2) routine = isRoutine(words)
      if (routine) {
        if (word === 'ATOMIC' && previousWord === 'BEGIN') atomic++
        else if (atomic > 0 && word === 'CASE') atomic++
        else if (atomic > 0 && word === 'END') atomic--
      }
      previousWord = word
    }
  }
  flush()
  return statements
}

function isRoutine(words: string[]): boolean | null {
  if (words[0] !== 'CREATE') return false
  const rest = words[1] === 'OR' ? words.slice(3) : words.slice(1)
  if (rest.length === 0) return words.length < 4 ? null : false
  return rest[0] === 'FUNCTION' || rest[0] === 'PROCEDURE'
}

/**
 * The statement to run for a cursor at `offset`: the one that contains it
 * (its `;` included), else the last one that ends before it, else the first.
 */
export function statementAt(script: string, offset: number): StatementSpan | null {
  const statements = splitStatements(script)
  let before: StatementSpan | null = null
  for (const s of statements) {
    const semicolon = script[s.end] === ';' ? 1 : trailingSemicolon(script, s.end)
    if (offset >= s.start && offset <= s.end + semicolon) return s
    if (s.end <= offset) before = s
  }
  return before ?? statements[0] ?? null
}

/** 1 plus the space between a statement's end and its `;`, or 0 when none follows. */
function trailingSemicolon(script: string, end: number): number {
  let i = end
  while (i < script.length && /\s/.test(script[i] as string)) i++
  return script[i] === ';' ? i - end + 1 : 0
}
