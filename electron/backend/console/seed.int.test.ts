import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatementOutcome } from '../../../shared/domain/console'
import { allRows, connectConsole, run, runOk } from '../test-support/console'
import { ENGINES, hasTimescale, serverOf, type ConnectedBackend } from '../test-support/engines'
import type { TestServerInfo } from '../test-support/postgres-server'
import { asPsqlRows, psql } from '../test-support/psql'
import { readQuickStart, quickStartText } from '../test-support/quick-start'
import { quickStartQueryText } from '../test-support/quick-start-query'
import { createScratchDatabase, type ScratchDatabase } from '../test-support/scratch-database'

/**
 * The quick start's statements, read from ../shared/seed and run in the
 * console as written (psycopg2's %s placeholders filled in the parameter
 * form's way), compared with what psql returns for the same statement with
 * the values in place, as psycopg2 would send it.
 *
 * How: on a server engine psql runs against the same database; the embedded
 * engine has no socket, so psql runs against a reference database on the
 * native TimescaleDB test server given the same statements (its time zone
 * set to the engine's). Deterministic statements must match value for
 * value. The simulate query is random(): psql and the console must agree on
 * its shape — row count, column names and types (psql's \gdesc), the
 * sensor_id column — and the values must lie where random() puts them.
 * Statements a server cannot run (create_hypertable without TimescaleDB)
 * must fail with psql's own error.
 */

const seed = readQuickStart()
const simulate = /simulate_query = """([\s\S]+?)"""/.exec(quickStartText())?.[1]?.trim() ?? ''
const LIMIT_5 =
  /cursor\.execute\("(SELECT \* FROM sensor_data LIMIT 5;)"\)/.exec(quickStartText())?.[1] ?? ''
const SELECT_ALL = /query = "(SELECT \* FROM sensor_data;)"/.exec(quickStartText())?.[1] ?? ''
const BUCKETS = quickStartQueryText()

/** Readings the test loads itself (the quick start uses pgcopy, not SQL), exactly representable so averages match to the last digit. */
const LOAD = `INSERT INTO sensor_data (time, sensor_id, temperature, cpu)
SELECT ts, s.id, (extract(epoch FROM ts)::bigint / 300 % 97) + s.id * 0.5, (extract(epoch FROM ts)::bigint / 300 % 4) * 0.25
FROM generate_series(TIMESTAMPTZ '2024-01-01 00:00+00', TIMESTAMPTZ '2024-01-01 23:55+00', interval '5 minutes') ts
CROSS JOIN sensors s ORDER BY ts, s.id`

/** psycopg2's way: each %s replaced by the value as a literal. */
function psycopg2(sql: string, values: (string | number)[]): string {
  let i = 0
  return sql.replace(/%s/g, () => {
    const v = values[i++]
    return typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`
  })
}

describe.each(ENGINES)("the quick start's statements in the console on %s", (engine) => {
  let c: ConnectedBackend
  let ref: ScratchDatabase | null = null
  let database = ''
  let server: TestServerInfo
  const timescale = hasTimescale(engine)
  const call: ConnectedBackend['t']['call'] = (name, request) => c.t.call(name, request)
  const viaPsql = (sql: string, o = {}) => psql(server, database, sql, o)
  /** On the embedded engine, the reference database gets the statement too. */
  const alsoOnRef = async (sql: string) => {
    if (!ref) return
    const out = await viaPsql(sql)
    if (out.error) throw new Error(out.error)
  }

  beforeAll(async () => {
    c = await connectConsole(engine)
    expect((await call('server/info', {})).timescaledb.installed !== null).toBe(timescale)
    if (c.scratch) {
      server = serverOf(engine)
      database = c.scratch.name
    } else {
      server = serverOf('timescaledb')
      ref = await createScratchDatabase(server, 'seed_ref')
      const zone = (await runOk(call, 'SHOW TimeZone')).rows[0]?.[0] ?? 'UTC'
      await ref.admin.query(
        `ALTER DATABASE ${ref.name} SET timezone = '${zone.replaceAll("'", "''")}'`,
      )
      database = ref.name
    }
  })
  afterAll(async () => {
    await c?.close()
    await ref?.drop()
  })

  it('creates the tables (and the hypertable where TimescaleDB is)', async () => {
    for (const sql of [seed.createSensors, seed.createSensorData]) {
      expect((await runOk(call, sql)).command).toBe('CREATE')
      await alsoOnRef(sql)
    }
    const reply = await run(call, seed.createHypertable)
    const outcome = reply.statements[0] as StatementOutcome
    if (timescale) {
      expect(outcome.status).toBe('ok')
      expect(outcome.rows).toEqual([['(1,public,sensor_data,t)']])
      const listed = await runOk(
        call,
        'SELECT hypertable_name FROM timescaledb_information.hypertables',
      )
      expect(listed.rows).toEqual([['sensor_data']])
    } else {
      const expected = await viaPsql(seed.createHypertable)
      expect(expected.error).toMatch(
        /^ERROR: {2}function create_hypertable\(unknown, unknown\) does not exist/,
      )
      expect(`ERROR:  ${outcome.error?.message}`).toContain(expected.error ?? '')
    }
  })

  it("adds the four sensors with the quick start's INSERT and its %s", async () => {
    const insert = /^SQL = "(INSERT INTO sensors[^"]+)"/m.exec(quickStartText())?.[1] ?? ''
    expect(insert).toContain('%s, %s')
    for (const [type, location] of seed.sensors) {
      const out = await runOk(call, insert, {
        params: {
          '%s #1': { type: 'text', value: type },
          '%s #2': { type: 'text', value: location },
        },
      })
      expect(out).toMatchObject({ command: 'INSERT', rowCount: 1 })
      await alsoOnRef(psycopg2(insert, [type, location]))
    }
    const sql = 'SELECT * FROM sensors ORDER BY id'
    const expected = await viaPsql(sql)
    expect(expected.rows).toHaveLength(4)
    expect(asPsqlRows((await runOk(call, sql)).rows)).toEqual(expected.rows)
  })

  it('runs the simulate query for sensors 1–3: psql and the console agree on its shape', async () => {
    expect(simulate).toContain('%s as sensor_id')
    for (const id of [1, 2, 3]) {
      const out = await runOk(call, simulate, {
        params: { '%s #1': { type: 'number', value: String(id) } },
      })
      const rows = await allRows(call, out)
      const expected = await viaPsql(psycopg2(simulate, [id]))
      const described = await viaPsql(psycopg2(simulate, [id]), { describe: true })
      expect(rows).toHaveLength(expected.rows.length)
      expect(rows.length).toBe(289)
      expect(out.columns?.map((col) => [col.name, col.typeName])).toEqual(described.rows)
      expect(rows.map((r) => r[1])).toEqual(expected.rows.map((r) => r[1]))
      for (const [, , temperature, cpu] of rows) {
        expect(Number(temperature)).toBeGreaterThanOrEqual(0)
        expect(Number(temperature)).toBeLessThan(100)
        expect(Number(cpu)).toBeGreaterThanOrEqual(0)
        expect(Number(cpu)).toBeLessThan(1)
      }
      const times = rows.map((r) =>
        Date.parse(
          String(r[0])
            .replace(' ', 'T')
            .replace(/([+-]\d\d)$/, '$1:00'),
        ),
      )
      expect(times.slice(1).every((t, i) => t - (times[i] as number) === 300_000)).toBe(true)
    }
  })

  it('returns what psql returns for the SELECTs on sensor_data', async () => {
    expect((await runOk(call, LOAD)).rowCount).toBe(288 * 4)
    await alsoOnRef(LOAD)
    expect(LIMIT_5 && SELECT_ALL).toBeTruthy()
    const first = await viaPsql(LIMIT_5)
    expect(first.rows).toHaveLength(5)
    expect(asPsqlRows((await runOk(call, LIMIT_5)).rows)).toEqual(first.rows)
    const every = await viaPsql(SELECT_ALL)
    const out = await runOk(call, SELECT_ALL, { pageSize: 500 })
    expect(out.resultId).not.toBeNull()
    expect(asPsqlRows(await allRows(call, out, { pageSize: 500 }))).toEqual(every.rows)
  })

  it("runs the time_bucket query with ('floor', 'a') as psql does", async () => {
    const params = {
      '%s #1': { type: 'text' as const, value: 'floor' },
      '%s #2': { type: 'text' as const, value: 'a' },
    }
    const reply = await run(call, BUCKETS, { params })
    const outcome = reply.statements[0] as StatementOutcome
    const expected = await viaPsql(psycopg2(BUCKETS, ['floor', 'a']))
    if (!timescale) {
      expect(expected.error).toMatch(
        /function time_bucket\(unknown, timestamp with time zone\) does not exist/,
      )
      expect(`ERROR:  ${outcome.error?.message}`).toContain(expected.error ?? '')
      return
    }
    expect(outcome.status).toBe('ok')
    expect(expected.rows).toHaveLength(288)
    expect(asPsqlRows(await allRows(call, outcome))).toEqual(expected.rows)
  })
})
