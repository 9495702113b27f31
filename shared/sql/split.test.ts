import { describe, expect, it } from 'vitest'
import { scanSql } from './scan'
import { splitStatements, statementAt } from './split'

const texts = (sql: string) => splitStatements(sql).map((s) => s.text)

describe('scanSql', () => {
  it('keeps quoted text, comments and dollar quotes whole', () => {
    const sql = `SELECT 'a;b''c', E'x\\'y;', "q;""r", $tag$ ; $x$ $tag$, $$;$$ -- c;\n/* a /* b; */ c; */ $1`
    const kinds = scanSql(sql)
      .filter((t) => t.kind !== 'space' && t.kind !== 'other')
      .map((t) => [t.kind, sql.slice(t.start, t.end)])
    expect(kinds).toEqual([
      ['word', 'SELECT'],
      ['string', "'a;b''c'"],
      ['string', "E'x\\'y;'"],
      ['ident', '"q;""r"'],
      ['dollar', '$tag$ ; $x$ $tag$'],
      ['dollar', '$$;$$'],
      ['comment', '-- c;'],
      ['comment', '/* a /* b; */ c; */'],
      ['param', '$1'],
    ])
  })

  it('does not take a $ inside an identifier for a placeholder or a dollar quote', () => {
    const sql = 'SELECT a$1, b$x$ FROM t'
    expect(scanSql(sql).filter((t) => t.kind === 'param' || t.kind === 'dollar')).toEqual([])
  })

  it('marks what runs to the end of the text as unterminated', () => {
    expect(scanSql("SELECT 'open").at(-1)).toMatchObject({ kind: 'string', unterminated: true })
    expect(scanSql('SELECT $$ open').at(-1)).toMatchObject({ kind: 'dollar', unterminated: true })
    expect(scanSql('/* open').at(-1)).toMatchObject({ kind: 'comment', unterminated: true })
  })

  it('finds psycopg2 placeholders and %% only outside quotes', () => {
    const sql = 'SELECT \'%s\', %s, %(loc)s, 10 %% 3, "%s" -- %s'
    const found = scanSql(sql)
      .filter((t) => t.kind === 'pyformat')
      .map((t) => sql.slice(t.start, t.end))
    expect(found).toEqual(['%s', '%(loc)s', '%%'])
  })
})

describe('splitStatements', () => {
  it('splits at semicolons outside quotes, comments and parentheses', () => {
    expect(texts("SELECT 1; SELECT ';' ; -- only a comment;\n;SELECT (1;2)")).toEqual([
      'SELECT 1',
      "SELECT ';'",
      'SELECT (1;2)',
    ])
  })

  it('keeps a BEGIN ATOMIC function body whole', () => {
    const fn =
      'CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END'
    expect(texts(`${fn}; SELECT f()`)).toEqual([fn, 'SELECT f()'])
  })

  it('keeps a dollar-quoted function body whole', () => {
    const fn = "DO $$ BEGIN RAISE NOTICE 'x;y'; END $$"
    expect(texts(`${fn};SELECT 2;`)).toEqual([fn, 'SELECT 2'])
  })

  it('keeps the comment above a statement with it and gives offsets into the script', () => {
    const sql = 'SELECT 1;\n-- the second\nSELECT 2'
    const [, second] = splitStatements(sql)
    expect(second?.text).toBe('-- the second\nSELECT 2')
    expect(sql.slice(second?.start, second?.end)).toBe(second?.text)
  })
})

describe('statementAt', () => {
  const sql = 'SELECT 1;\n\nSELECT 2;  \nSELECT 3'
  it('picks the statement under the cursor, its semicolon included', () => {
    expect(statementAt(sql, 3)?.text).toBe('SELECT 1')
    expect(statementAt(sql, 8)?.text).toBe('SELECT 1')
    expect(statementAt(sql, sql.indexOf('2'))?.text).toBe('SELECT 2')
    expect(statementAt(sql, sql.length)?.text).toBe('SELECT 3')
  })
  it('picks the statement before the cursor when it sits between two', () => {
    expect(statementAt(sql, 10)?.text).toBe('SELECT 1')
  })
  it('is null for an empty script', () => {
    expect(statementAt(' -- nothing', 2)).toBeNull()
  })
})
