import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SampleDataSpecSchema } from '../../../shared/domain/ingest'
import type { Queryable, QueryResult } from '../db/driver'
import {
  ENGINES,
  SERVER_ENGINES,
  connectEngine,
  serverOf,
  type ConnectedBackend,
  type EngineName,
} from '../test-support/engines'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { checkKeysOnce } from './key-check'
import { loadSampleData } from './load-sample-data'

const from = Date.UTC(2026, 0, 1)
const sensors = [1, 2, 3, 4].map((id) => ({ id, type: 'a', location: `l${id}` }))
const target = { table: 'sensor_data', keyColumn: 'sensor_id' }

function load(db: ConnectedBackend, ids = sensors) {
  const spec = SampleDataSpecSchema.parse({
    from,
    to: from + 6 * 3_600_000,
    intervalMs: 60_000,
    seed: 7,
  })
  return loadSampleData(
    db.t.driver(),
    { spec, sensors: ids, fallbackSeed: 1 },
    { signal: new AbortController().signal, progress: () => {} },
  )
}

async function setUp(db: ConnectedBackend): Promise<void> {
  await db.t.call('schema/setup', {})
  await db.t.call('sensors/seed', {})
}

describe.each(ENGINES)('sample loads check sensor ids once (%s)', (engine) => {
  let db: ConnectedBackend

  beforeAll(async () => {
    db = await connectEngine(engine, 'keys')
    await setUp(db)
  })

  afterAll(async () => {
    await db?.close()
  })

  it('loads the quick-start schema with one check, and the key stays enforced after', async () => {
    const summary = await load(db)
    expect(summary.keyCheck).toBe('once')
    expect(summary.rows).toBe(4 * 361)
    const driver = db.t.driver()
    const { rows } = await driver.query<{ orphans: number; n: number }>(
      `SELECT count(*) FILTER (WHERE s.id IS NULL)::int AS orphans, count(*)::int AS n
         FROM sensor_data d LEFT JOIN sensors s ON s.id = d.sensor_id`,
    )
    expect(rows[0]).toEqual({ orphans: 0, n: 4 * 361 })
    // The replica role was for the load's transaction only: the next insert is checked,
    // also into a chunk the load created.
    await expect(
      driver.query('INSERT INTO sensor_data (time, sensor_id) VALUES ($1, 999)', [
        new Date(from + 3_600_000).toISOString(),
      ]),
    ).rejects.toThrow(/foreign key/i)
    const role = await driver.query<{ r: string }>(
      "SELECT current_setting('session_replication_role') AS r",
    )
    expect(role.rows[0]?.r).toBe('origin')
  })
})

/** A Queryable over one pg session, so a test can hold a transaction open. */
const over = (client: pg.ClientBase): Queryable => ({
  query: async <R>(sql: string, params: readonly unknown[] = []) => {
    const result = await client.query(sql, params as unknown[])
    return {
      rows: result.rows as R[],
      fields: [],
      rowCount: result.rowCount ?? 0,
    } as QueryResult<R>
  },
})

const replicationRole = async (client: pg.ClientBase) =>
  (await client.query<{ r: string }>("SELECT current_setting('session_replication_role') AS r"))
    .rows[0]?.r

describe.each(SERVER_ENGINES)('when the ids are checked once, and when not (%s)', (engine) => {
  let db: ConnectedBackend & { scratch: ScratchDatabase }
  let other: pg.Client

  beforeAll(async () => {
    db = (await connectEngine(engine as EngineName, 'keysrv')) as typeof db
    await setUp(db)
    other = new pg.Client({ ...serverOf(engine), database: db.scratch.name })
    await other.connect()
  })

  afterAll(async () => {
    await other?.end()
    await db?.close()
  })

  beforeEach(async () => {
    await db.scratch.admin.query('TRUNCATE sensor_data')
  })

  it('holds the sensors as the per-row checks would: no delete, but other edits go on', async () => {
    const admin = db.scratch.admin
    await admin.query('BEGIN')
    try {
      expect(await checkKeysOnce(over(admin), target, [1, 2, 2, 3, 4])).toBe('once')
      expect(await replicationRole(admin)).toBe('replica')
      await other.query("SET lock_timeout = '300ms'")
      await expect(other.query('DELETE FROM sensors WHERE id = 2')).rejects.toThrow(/lock timeout/i)
      await expect(other.query('UPDATE sensors SET id = 40 WHERE id = 4')).rejects.toThrow(
        /lock timeout/i,
      )
      // FOR KEY SHARE, as PostgreSQL's own checks take: a non-key edit is not blocked.
      await other.query("UPDATE sensors SET location = 'moved' WHERE id = 1")
    } finally {
      await admin.query('ROLLBACK')
      await other.query('RESET lock_timeout')
    }
    expect(await replicationRole(admin)).toBe('origin')
  })

  it('leaves a missing sensor to the per-row checks, which refuse the load and keep nothing', async () => {
    const admin = db.scratch.admin
    await admin.query('BEGIN')
    expect(await checkKeysOnce(over(admin), target, [1, 999])).toBe('per-row')
    expect(await replicationRole(admin)).toBe('origin')
    // The savepoint was undone, not the transaction: it goes on.
    await admin.query('SELECT 1')
    await admin.query('ROLLBACK')

    await expect(load(db, [...sensors, { id: 999, type: 'x', location: 'gone' }])).rejects.toThrow(
      /foreign key|not present|violates/i,
    )
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')
    expect(rows[0]?.n).toBe(0)
  })

  it('checks per row when the table has a trigger, and the trigger fires for every row', async () => {
    const admin = db.scratch.admin
    await admin.query('CREATE TABLE loaded_rows (n int)')
    await admin.query(`CREATE FUNCTION count_loaded() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN INSERT INTO loaded_rows VALUES (1); RETURN NEW; END $$`)
    await admin.query(`CREATE TRIGGER count_loaded AFTER INSERT ON sensor_data
      FOR EACH ROW EXECUTE FUNCTION count_loaded()`)
    try {
      const summary = await load(db)
      expect(summary.keyCheck).toBe('per-row')
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM loaded_rows',
      )
      expect(rows[0]?.n).toBe(summary.rows)
    } finally {
      await admin.query('DROP TRIGGER count_loaded ON sensor_data')
      await admin.query('DROP TABLE loaded_rows')
      await admin.query('DROP FUNCTION count_loaded()')
    }
  })

  it('checks per row when a foreign key is on another column', async () => {
    const admin = db.scratch.admin
    await admin.query('CREATE TABLE cpu_levels (level double precision PRIMARY KEY)')
    await admin.query(`ALTER TABLE sensor_data ADD CONSTRAINT cpu_level_fk
      FOREIGN KEY (cpu) REFERENCES cpu_levels (level)`)
    try {
      await admin.query('BEGIN')
      expect(await checkKeysOnce(over(admin), target, [1, 2])).toBe('per-row')
      expect(await replicationRole(admin)).toBe('origin')
      await admin.query('ROLLBACK')
    } finally {
      await admin.query('ALTER TABLE sensor_data DROP CONSTRAINT cpu_level_fk')
      await admin.query('DROP TABLE cpu_levels')
    }
  })

  it('checks per row for a role that may not set session_replication_role', async () => {
    const admin = db.scratch.admin
    const role = `tsdb_explorer_loader_${randomBytes(4).toString('hex')}`
    await admin.query(`CREATE ROLE ${role}`)
    await admin.query(`GRANT SELECT, INSERT ON sensor_data TO ${role}`)
    await admin.query(`GRANT SELECT, UPDATE ON sensors TO ${role}`)
    await admin.query(`GRANT USAGE ON SCHEMA _timescaledb_internal TO ${role}`).catch(() => {})
    try {
      await admin.query('BEGIN')
      await admin.query(`SET LOCAL ROLE ${role}`)
      expect(await checkKeysOnce(over(admin), target, [1, 2, 3, 4])).toBe('per-row')
      expect(await replicationRole(admin)).toBe('origin')
      await admin.query('ROLLBACK')
      // Granted SET on the parameter (PostgreSQL 15+), the same role checks once.
      await admin.query(`GRANT SET ON PARAMETER session_replication_role TO ${role}`)
      await admin.query('BEGIN')
      await admin.query(`SET LOCAL ROLE ${role}`)
      expect(await checkKeysOnce(over(admin), target, [1, 2, 3, 4])).toBe('once')
      await admin.query('ROLLBACK')
    } finally {
      await admin.query('ROLLBACK').catch(() => {})
      await admin.query(`REVOKE SET ON PARAMETER session_replication_role FROM ${role}`)
      await admin.query(`DROP OWNED BY ${role}`)
      await admin.query(`DROP ROLE ${role}`)
    }
  })
})
