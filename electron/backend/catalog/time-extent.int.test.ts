import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quoteIdent } from '../db/driver'
import { ENGINES, openEngine, type EngineHarness } from '../test-support/engines'
import { readTimeExtent, timeExtentStatement } from './time-extent'

// A name that only works quoted: mixed case, a space and a double quote.
const TABLE = 'Meter "A" readings'
const COLUMN = 'Taken At'
const target = { table: [TABLE], column: COLUMN } as const
// The same names quoted, for the test's own DDL and reference queries.
const table = quoteIdent(TABLE)
const column = quoteIdent(COLUMN)

const START = Date.UTC(2026, 0, 1)
const STEP = 60_000
const ROWS = 50_000

describe.each(ENGINES)('the first and last time of a table on %s', (engine) => {
  let e: EngineHarness
  let hypertable: boolean

  beforeAll(async () => {
    e = await openEngine(engine)
    hypertable = (await e.driver.info()).timescaledb.installed !== null
    await e.dropTables(TABLE)
    await e.driver.query(`CREATE TABLE ${table} (${column} timestamptz NOT NULL, value float8)`)
    if (hypertable) {
      // Weekly chunks: the readings span five weeks, the ends live in the first and last chunk.
      await e.driver.query(`SELECT create_hypertable($1::regclass, $2::name)`, [table, COLUMN])
    } else {
      await e.driver.query(`CREATE INDEX ON ${table} (${column} DESC)`)
    }
  })

  afterAll(async () => {
    await e?.dropTables(TABLE)
    await e?.close()
  })

  it('is null at both ends for an empty table', async () => {
    expect(await readTimeExtent(e.driver, target)).toEqual({ first: null, last: null })
  })

  it('reads both ends from the index, not the table, and agrees with min() and max()', async () => {
    await e.driver.query(
      `INSERT INTO ${table}
       SELECT $1::timestamptz + g * interval '1 minute', g FROM generate_series(0, $2::int - 1) g`,
      [new Date(START).toISOString(), ROWS],
    )
    await e.driver.query(`ANALYZE ${table}`)

    const extent = await readTimeExtent(e.driver, target)
    expect(extent).toEqual({ first: new Date(START), last: new Date(START + (ROWS - 1) * STEP) })
    const { rows } = await e.driver.query<{ first: Date; last: Date }>(
      `SELECT min(${column}) AS first, max(${column}) AS last FROM ${table}`,
    )
    expect(extent).toEqual(rows[0])

    const plan = (
      await e.driver.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${timeExtentStatement(target)}`,
      )
    ).rows.map((r) => r['QUERY PLAN'])
    const text = plan.join('\n')
    expect(text).not.toMatch(/Seq Scan/)
    // Each end is one row off an index: nothing reads the table's 50,000 rows.
    const scans = plan.filter(
      (line) => /Index (Only )?Scan/.test(line) && !/never executed/.test(line),
    )
    expect(scans).toHaveLength(2)
    for (const line of scans) expect(line).toMatch(/rows=1 loops=1/)
    if (hypertable) expect(text).toMatch(/ChunkAppend/)
  })
})
