import type { StatementSpan } from './split'

/** Words that make a query unfit for a scrollable cursor: it writes, or locks rows, or makes a table. */
const NOT_IN_CURSOR = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'INTO', 'SHARE'])
const QUERY_START = new Set(['SELECT', 'VALUES', 'TABLE', 'WITH'])

export interface StatementKind {
  /** The first word, upper case (e.g. SELECT, INSERT, CREATE); '' when there is none. */
  command: string
  /**
   * A plain query that `DECLARE … SCROLL CURSOR` accepts, so its rows can be
   * read in pages in any order. Conservative: a query this says no to still
   * runs, read forward only.
   */
  cursorable: boolean
  /** BEGIN, COMMIT, ROLLBACK and friends: they change the transaction the console keeps. */
  transactionControl: boolean
}

const TRANSACTION_CONTROL = new Set([
  'BEGIN',
  'START',
  'COMMIT',
  'END',
  'ROLLBACK',
  'ABORT',
  'SAVEPOINT',
  'RELEASE',
])

export function statementKind(span: StatementSpan): StatementKind {
  const words: string[] = []
  let opensWithParen = false
  for (const t of span.tokens) {
    if (t.kind === 'word') words.push(span.text.slice(t.start, t.end).toUpperCase())
    else if (t.kind === 'open' && words.length === 0) opensWithParen = true
  }
  const command = words[0] ?? ''
  const cursorable =
    QUERY_START.has(command) &&
    (!opensWithParen || command === 'SELECT' || command === 'VALUES') &&
    !words.some((w) => NOT_IN_CURSOR.has(w))
  return { command, cursorable, transactionControl: TRANSACTION_CONTROL.has(command) }
}
