import { describe, expect, it } from 'vitest'
import { bindStatement, indexOfCharacter, statementParams, type ParamValue } from './params'
import { statementKind } from './kind'
import { splitStatements } from './split'

const one = (sql: string) => {
  const span = splitStatements(sql)[0]
  if (!span) throw new Error('no statement')
  return span
}
const text = (value: string): ParamValue => ({ type: 'text', value })
const num = (value: string): ParamValue => ({ type: 'number', value })

describe('statementParams', () => {
  it('detects $n, %s and %(name)s, numbering %s across a script', () => {
    expect(statementParams(one('SELECT $2, $1'))).toEqual({ style: 'dollar', slots: ['$1', '$2'] })
    expect(statementParams(one('SELECT %s, %s'), 2)).toEqual({
      style: 'format',
      slots: ['%s #3', '%s #4'],
    })
    expect(statementParams(one('SELECT %(a)s, %(b)s, %(a)s'))).toEqual({
      style: 'pyformat',
      slots: ['%(a)s', '%(b)s'],
    })
    expect(statementParams(one("SELECT '%s', 10 %% 3"))).toEqual({ style: 'none', slots: [] })
  })

  it('refuses mixed styles', () => {
    expect(() => statementParams(one('SELECT %s, %(a)s'))).toThrow(/mixes %s and %\(name\)s/)
    expect(() => statementParams(one('SELECT $1, %s'))).toThrow(/mixes/)
  })
})

describe('bindStatement', () => {
  it("runs the quick start's query as written: %s become $n, values stay apart", () => {
    const span = one(
      "SELECT time_bucket('5 minutes', time) AS five_min, avg(cpu) FROM sensor_data JOIN sensors ON sensors.id = sensor_data.sensor_id WHERE sensors.location = %s AND sensors.type = %s GROUP BY five_min",
    )
    const params = statementParams(span)
    const bound = bindStatement(span, params, {
      '%s #1': text("floor'; DROP TABLE sensors; --"),
      '%s #2': text('a'),
    })
    expect(bound.sql).toContain('sensors.location = $1 AND sensors.type = $2')
    expect(bound.values).toEqual(["floor'; DROP TABLE sensors; --", 'a'])
  })

  it('casts numbers and timestamps as psycopg2 literals would be typed', () => {
    const span = one('SELECT %s AS a, %s AS b, %s AS c, %s AS d, %s AS e')
    const bound = bindStatement(span, statementParams(span), {
      '%s #1': num('1'),
      '%s #2': num('3000000000'),
      '%s #3': num('2.5'),
      '%s #4': { type: 'timestamp', value: '2024-01-01T00:00:00Z' },
      '%s #5': { type: 'null' },
    })
    expect(bound.sql).toBe(
      'SELECT $1::int4 AS a, $2::int8 AS b, $3::numeric AS c, $4::timestamptz AS d, $5 AS e',
    )
    expect(bound.values).toEqual(['1', '3000000000', '2.5', '2024-01-01T00:00:00Z', null])
  })

  it('refuses a number that is not one, and a missing value', () => {
    const span = one('SELECT $1')
    expect(() => bindStatement(span, statementParams(span), { $1: num('1; DROP') })).toThrow(
      /\$1 is not a number/,
    )
    expect(() => bindStatement(span, statementParams(span), {})).toThrow(/No value for \$1/)
  })

  it('reuses one parameter for a repeated %(name)s', () => {
    const span = one('SELECT %(x)s + %(x)s')
    expect(bindStatement(span, statementParams(span), { '%(x)s': num('2') }).sql).toBe(
      'SELECT $1::int4 + $1::int4',
    )
  })

  it('turns %% into % in psycopg2 style only, quoted text included', () => {
    const span = one("SELECT 10 %% 3, 'a%%' LIKE %s")
    expect(bindStatement(span, statementParams(span), { '%s #1': text('a%') }).sql).toBe(
      "SELECT 10 % 3, 'a%' LIKE $1",
    )
    const plain = one("SELECT 'a%%'")
    expect(bindStatement(plain, statementParams(plain), {}).sql).toBe("SELECT 'a%%'")
  })

  it('maps a position in the sent text back to the statement as written', () => {
    const span = one('SELECT %(long_name)s, nosuch')
    const bound = bindStatement(span, statementParams(span), { '%(long_name)s': text('x') })
    const sent = bound.sql.indexOf('nosuch')
    expect(bound.toWritten(sent)).toBe(span.text.indexOf('nosuch'))
    expect(bound.toWritten(bound.sql.indexOf('$1') + 1)).toBe(span.text.indexOf('%('))
  })
})

describe('indexOfCharacter', () => {
  it('counts characters from 1, astral ones as one', () => {
    expect(indexOfCharacter('SELECT x', 8)).toBe(7)
    expect(indexOfCharacter('😀 x', 3)).toBe(3)
  })
})

describe('statementKind', () => {
  it('lets plain queries use a scrollable cursor and nothing that writes or locks', () => {
    const kind = (sql: string) => statementKind(one(sql))
    expect(kind('SELECT * FROM t').cursorable).toBe(true)
    expect(kind('WITH a AS (SELECT 1) SELECT * FROM a').cursorable).toBe(true)
    expect(kind('VALUES (1)').cursorable).toBe(true)
    expect(kind('(SELECT 1) UNION (SELECT 2)').cursorable).toBe(true)
    expect(kind('WITH a AS (DELETE FROM t RETURNING *) SELECT * FROM a').cursorable).toBe(false)
    expect(kind('SELECT * INTO t2 FROM t').cursorable).toBe(false)
    expect(kind('SELECT * FROM t FOR UPDATE').cursorable).toBe(false)
    expect(kind('INSERT INTO t VALUES (1) RETURNING *').cursorable).toBe(false)
    expect(kind('EXPLAIN SELECT 1')).toMatchObject({ command: 'EXPLAIN', cursorable: false })
    expect(kind('commit').transactionControl).toBe(true)
  })
})
