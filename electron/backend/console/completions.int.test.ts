import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectConsole, runOk } from '../test-support/console'
import { ENGINES, hasTimescale, type ConnectedBackend } from '../test-support/engines'
import { MAX_COMPLETION_COLUMNS } from './completions'

describe.each(ENGINES)("the SQL editor's completions on %s", (engine) => {
  let c: ConnectedBackend

  beforeAll(async () => {
    c = await connectConsole(engine)
    const wide = Array.from({ length: MAX_COMPLETION_COLUMNS + 5 }, (_, i) => `c${i} int`)
    await runOk(
      c.t.call,
      `CREATE SCHEMA IF NOT EXISTS lab;
       CREATE TABLE IF NOT EXISTS lab.readings (at timestamptz, "Odd Name" text, value float8);
       CREATE OR REPLACE VIEW lab.latest AS SELECT at, value FROM lab.readings;
       CREATE OR REPLACE FUNCTION lab.celsius(f float8) RETURNS float8 LANGUAGE sql AS 'SELECT (f - 32) / 1.8';
       DROP TABLE IF EXISTS wide; CREATE TABLE wide (${wide.join(', ')})`,
    )
  })
  afterAll(async () => {
    await c?.close()
  })

  it('lists schemas, tables and views with their columns in order, and functions', async () => {
    const got = await c.t.call('console/completions', {})
    expect(got.schemas.lab).toEqual({
      readings: ['at', 'Odd Name', 'value'],
      latest: ['at', 'value'],
    })
    expect(got.functions).toContain('celsius')
    // PostgreSQL's own functions and aggregates, not its operator and type plumbing.
    expect(got.functions).toEqual(expect.arrayContaining(['now', 'avg', 'generate_series']))
    expect(got.functions).not.toContain('int4pl')
    expect(got.functions).not.toContain('textin')
    expect(got.schemas.pg_catalog).toBeUndefined()
    expect(Object.keys(got.schemas).some((s) => s.startsWith('_timescaledb'))).toBe(false)
    // A table wider than the limit is cut to its first columns.
    expect(got.schemas.public?.wide).toHaveLength(MAX_COMPLETION_COLUMNS)
    expect(got.schemas.public?.wide?.[0]).toBe('c0')
  })

  it.runIf(hasTimescale(engine))(
    "offers TimescaleDB's functions and information views",
    async () => {
      const got = await c.t.call('console/completions', {})
      expect(got.functions).toEqual(
        expect.arrayContaining(['time_bucket', 'create_hypertable', 'first', 'last']),
      )
      expect(got.schemas.timescaledb_information?.hypertables).toContain('hypertable_name')
    },
  )
})
