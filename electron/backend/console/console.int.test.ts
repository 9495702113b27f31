import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rejection } from '../test-support/backend'
import {
  allRows,
  AUTO_READ,
  AUTO_WRITE,
  connectConsole,
  MANUAL_WRITE,
  run,
  runOk,
} from '../test-support/console'
import type { ConnectedBackend } from '../test-support/engines'
import { ENGINES } from '../test-support/engines'

describe.each(ENGINES)('the SQL console on %s', (engine) => {
  let c: ConnectedBackend
  const call: ConnectedBackend['t']['call'] = (name, request) => c.t.call(name, request)

  beforeAll(async () => {
    c = await connectConsole(engine)
    await runOk(
      call,
      'DROP TABLE IF EXISTS notes; CREATE TABLE notes (id int PRIMARY KEY, body text)',
    )
  })
  afterAll(async () => {
    await c?.close()
  })

  it('returns values as PostgreSQL prints them, NULL apart from empty text, with column types', async () => {
    const out = await runOk(
      call,
      "SELECT 1::int AS i, 2.50::numeric AS n, NULL::text AS nothing, ''::text AS empty, true AS b, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS t, ARRAY[1,2] AS a",
    )
    expect(out.rows).toEqual([['1', '2.50', null, '', 't', '2024-01-02 03:04:05+00', '{1,2}']])
    expect(out.columns?.map((col) => [col.name, col.typeName])).toEqual([
      ['i', 'integer'],
      ['n', 'numeric'],
      ['nothing', 'text'],
      ['empty', 'text'],
      ['b', 'boolean'],
      ['t', 'timestamp with time zone'],
      ['a', 'integer[]'],
    ])
    expect(out).toMatchObject({ command: 'SELECT', rowCount: 1, resultId: null, status: 'ok' })
  })

  it('keeps HTML in values and column names as text', async () => {
    const out = await runOk(call, `SELECT '<img src=x onerror=alert(1)>' AS "<b>bold</b>"`)
    expect(out.columns?.[0]?.name).toBe('<b>bold</b>')
    expect(out.rows).toEqual([['<img src=x onerror=alert(1)>']])
  })

  it('pages through a result in any order and counts it', async () => {
    const out = await runOk(call, 'SELECT g, g * 2 AS twice FROM generate_series(1, 2500) g', {
      pageSize: 1000,
    })
    expect(out.rows).toHaveLength(1000)
    expect(out.rowCount).toBeNull()
    expect(out.resultId).toMatch(/^r\d+$/)
    const resultId = out.resultId as string
    const page = (offset: number, limit = 1000) =>
      call('console/fetch', { consoleId: 'tab-1', resultId, offset, limit })
    expect((await page(2000)).rows.map((r) => r[0])).toEqual(
      Array.from({ length: 500 }, (_, i) => String(2001 + i)),
    )
    const back = await page(10, 3)
    expect(back.rows).toEqual([
      ['11', '22'],
      ['12', '24'],
      ['13', '26'],
    ])
    expect(await call('console/count', { consoleId: 'tab-1', resultId })).toEqual({ total: 2500 })
    expect((await page(2499, 10)).rows).toEqual([['2500', '5000']])
    await call('console/close-result', { consoleId: 'tab-1', resultId })
    const gone = await rejection(page(0))
    expect(gone.code).toBe('not_found')
  })

  it('runs a script in order, stops at the first error and points at it', async () => {
    const sql =
      "INSERT INTO notes VALUES (1, 'one');\nSELECT body FROM notes WHERE id = 1;\nSELECT nosuch FROM notes;\nINSERT INTO notes VALUES (2, 'two')"
    const reply = await run(call, sql)
    expect(reply.statements.map((s) => [s.command, s.status])).toEqual([
      ['INSERT', 'ok'],
      ['SELECT', 'ok'],
      ['SELECT', 'error'],
    ])
    expect(reply.statements[0]?.rowCount).toBe(1)
    expect(reply.statements[1]?.rows).toEqual([['one']])
    const failed = reply.statements[2]
    expect(failed?.error?.message).toMatch(/column "nosuch" does not exist/)
    expect(failed?.error?.position).toBe(sql.indexOf('nosuch'))
    expect(failed?.error?.sqlstate).toBe('42703')
    const count = await runOk(call, 'SELECT count(*) FROM notes')
    expect(count.rows).toEqual([['1']])
  })

  it("takes psycopg2's %s and %(name)s and $n as parameters, never as text", async () => {
    const hostile = "x'); DROP TABLE notes; --"
    const out = await runOk(call, 'INSERT INTO notes VALUES (%s, %s) RETURNING id, body', {
      params: {
        '%s #1': { type: 'number', value: '7' },
        '%s #2': { type: 'text', value: hostile },
      },
    })
    expect(out.rows).toEqual([['7', hostile]])
    const named = await runOk(
      call,
      'SELECT body, %(id)s + 0 AS same FROM notes WHERE id = %(id)s',
      {
        params: { '%(id)s': { type: 'number', value: '7' } },
      },
    )
    expect(named.rows).toEqual([[hostile, '7']])
    const dollar = await runOk(call, "SELECT $1::text || '!', 10 %% 3 AS modulo_left_alone", {
      params: { $1: { type: 'text', value: 'hi' } },
    }).catch((e: Error) => e)
    // With $n placeholders psycopg2's %% means nothing: it reaches the server as written.
    expect(dollar).toBeInstanceOf(Error)
    const stamp = await runOk(call, 'SELECT %s AS at', {
      params: { '%s #1': { type: 'timestamp', value: '2024-05-06T07:08:09Z' } },
    })
    expect(stamp.columns?.[0]?.typeName).toBe('timestamp with time zone')
    expect(stamp.rows[0]?.[0]).toMatch(/^2024-05-06 /)
    await runOk(call, 'DELETE FROM notes WHERE id = 7')
  })

  it('refuses a missing or malformed value before running anything', async () => {
    const missing = await rejection(run(call, 'INSERT INTO notes VALUES (99, %s)'))
    expect(missing.code).toBe('invalid_input')
    expect(missing.message).toMatch(/No value for %s #1/)
    const bad = await rejection(
      run(call, 'SELECT %s', { params: { '%s #1': { type: 'number', value: '1 OR 1=1' } } }),
    )
    expect(bad.message).toMatch(/is not a number/)
    expect((await runOk(call, 'SELECT count(*) FROM notes WHERE id = 99')).rows).toEqual([['0']])
  })

  it('maps an error position back through psycopg2 placeholders', async () => {
    const sql = 'SELECT %(long_name)s, nosuch FROM notes'
    const reply = await run(call, sql, {
      params: { '%(long_name)s': { type: 'text', value: 'x' } },
    })
    expect(reply.statements[0]?.error?.position).toBe(sql.indexOf('nosuch'))
  })

  it('lists notices', async () => {
    const out = await runOk(
      call,
      "DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END $$",
    )
    expect(out.notices.map((n) => [n.severity, n.message])).toEqual([
      ['NOTICE', 'hello 42'],
      ['WARNING', 'careful'],
    ])
  })

  it('refuses an INSERT in read-only mode with a clear message, changing nothing', async () => {
    const reply = await run(call, "INSERT INTO notes VALUES (50, 'no')", { settings: AUTO_READ })
    expect(reply.statements[0]?.status).toBe('error')
    expect(reply.statements[0]?.error?.message).toMatch(
      /cannot execute INSERT in a read-only transaction/,
    )
    expect(reply.tx).toBe('none')
    expect((await runOk(call, 'SELECT count(*) FROM notes WHERE id = 50')).rows).toEqual([['0']])
    const read = await runOk(call, 'SELECT count(*) FROM notes', { settings: AUTO_READ })
    expect(read.rows).toEqual([['1']])
  })

  it('explains a statement as a tree with time per node, and ANALYZE changes nothing', async () => {
    const plan = await call('console/explain', {
      consoleId: 'tab-1',
      sql: 'SELECT count(*) FROM generate_series(1, 1000) g WHERE g % 2 = 0',
      settings: AUTO_WRITE,
    })
    expect(plan.root.nodeType).toBe('Aggregate')
    expect(plan.root.children[0]?.label).toMatch(/Function Scan on generate_series/)
    expect(plan.root.children[0]?.rows).toBe(500)
    expect(plan.root.totalMs).toBeGreaterThanOrEqual(plan.root.children[0]?.totalMs ?? 0)
    expect(plan.executionMs).toBeGreaterThan(0)
    await call('console/explain', {
      consoleId: 'tab-1',
      sql: "INSERT INTO notes VALUES (60, 'explained')",
      settings: AUTO_WRITE,
    })
    expect((await runOk(call, 'SELECT count(*) FROM notes WHERE id = 60')).rows).toEqual([['0']])
    const failed = await rejection(
      call('console/explain', { consoleId: 'tab-1', sql: 'SELECT nosuch', settings: AUTO_WRITE }),
    )
    expect(failed.detail?.position).toBe('SELECT '.length)
  })

  it('keeps a statement that cannot use a cursor to the first rows, forward only', async () => {
    const out = await runOk(
      call,
      "INSERT INTO notes SELECT g, 'bulk' FROM generate_series(100, 1599) g RETURNING id",
      { pageSize: 1000 },
    )
    expect(out.rows).toHaveLength(1000)
    expect(out.rowCount).toBe(1500)
    const rows = await allRows(call, out)
    expect(rows).toHaveLength(1500)
    expect(rows.at(-1)).toEqual(['1599'])
    await runOk(call, 'DELETE FROM notes WHERE id >= 100')
  })

  if (engine === 'embedded') {
    it('keeps Auto-commit on and rolls back a transaction a script leaves open', async () => {
      const refused = await rejection(run(call, 'SELECT 1', { settings: MANUAL_WRITE }))
      expect(refused.message).toMatch(/cannot keep a transaction open between runs/)
      const reply = await run(call, "BEGIN; INSERT INTO notes VALUES (70, 'left open')")
      expect(reply.tx).toBe('none')
      expect(
        reply.statements
          .at(-1)
          ?.notices.map((n) => n.message)
          .join(),
      ).toMatch(/rolled back/)
      expect((await runOk(call, 'SELECT count(*) FROM notes WHERE id = 70')).rows).toEqual([['0']])
      await runOk(call, "BEGIN; INSERT INTO notes VALUES (71, 'kept'); COMMIT")
      expect((await runOk(call, 'SELECT count(*) FROM notes WHERE id = 71')).rows).toEqual([['1']])
    })
  } else {
    it('with Auto-commit off, keeps writes in an open transaction until Commit or Rollback', async () => {
      const scratch = c.scratch?.admin
      if (!scratch) throw new Error('no admin session')
      const seen = async (id: number) =>
        (await scratch.query('SELECT count(*)::int AS n FROM notes WHERE id = $1', [id])).rows[0].n
      const first = await run(call, "INSERT INTO notes VALUES (80, 'pending')", {
        settings: MANUAL_WRITE,
      })
      expect(first.tx).toBe('open')
      expect(await seen(80)).toBe(0)
      expect(await call('console/state', { consoleId: 'tab-1' })).toEqual({
        tx: 'open',
        resultId: null,
      })
      const auto = await rejection(run(call, 'SELECT 1', { settings: AUTO_WRITE }))
      expect(auto.message).toMatch(/Commit or roll it back before turning Auto-commit on/)
      expect((await call('console/rollback', { consoleId: 'tab-1' })).tx).toBe('none')
      expect(await seen(80)).toBe(0)

      await run(call, "INSERT INTO notes VALUES (81, 'kept')", { settings: MANUAL_WRITE })
      const failed = await run(call, 'SELECT 1/0', { settings: MANUAL_WRITE })
      expect(failed.tx).toBe('failed')
      expect((await call('console/rollback', { consoleId: 'tab-1' })).tx).toBe('none')
      await run(call, "INSERT INTO notes VALUES (82, 'kept')", { settings: MANUAL_WRITE })
      expect((await call('console/commit', { consoleId: 'tab-1' })).tx).toBe('none')
      expect(await seen(81)).toBe(0)
      expect(await seen(82)).toBe(1)
    })

    it('keeps the open transaction usable when reading its result fails', async () => {
      await run(call, "INSERT INTO notes VALUES (90, 'in tx')", { settings: MANUAL_WRITE })
      const out = await runOk(call, 'SELECT 1 / (1000 - g) FROM generate_series(1, 2000) g', {
        settings: MANUAL_WRITE,
        pageSize: 100,
      })
      const broken = await rejection(
        call('console/fetch', {
          consoleId: 'tab-1',
          resultId: out.resultId as string,
          offset: 900,
          limit: 200,
        }),
      )
      expect(broken.message).toMatch(/division by zero/)
      expect((await call('console/state', { consoleId: 'tab-1' })).tx).toBe('open')
      expect((await call('console/commit', { consoleId: 'tab-1' })).tx).toBe('none')
      expect((await runOk(call, 'SELECT body FROM notes WHERE id = 90')).rows).toEqual([['in tx']])
    })
  }
})
