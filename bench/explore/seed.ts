/**
 * What the explore benchmark reads: a database of many tables (one in ten a
 * hypertable where TimescaleDB is installed) and a narrow time-series table
 * `readings (time, device_id, metric, value)` of N rows.
 */
import type { Driver } from '../../electron/backend/db/driver'

export const DEVICES = 50
export const METRICS = ['cpu', 'mem', 'disk', 'net', 'temp'] as const
export const STEP_SECONDS = 30
export const END = Date.UTC(2026, 0, 1)

/** `tables` tables of six columns with a time index; every tenth a hypertable with TimescaleDB. */
export async function createManyTables(
  driver: Driver,
  tables: number,
  timescale: boolean,
): Promise<void> {
  await driver.query('CREATE SCHEMA many')
  await driver.query(`DO $$
BEGIN
  FOR i IN 1..${tables} LOOP
    IF ${timescale ? 'i % 10 = 0' : 'false'} THEN
      EXECUTE format('CREATE TABLE many.t_%s (ts timestamptz NOT NULL, device int, metric text, value double precision, note text)', i);
      PERFORM create_hypertable(format('many.t_%s', i), 'ts');
    ELSE
      EXECUTE format('CREATE TABLE many.t_%s (id serial PRIMARY KEY, ts timestamptz NOT NULL, device int, metric text, value double precision, note text)', i);
      EXECUTE format('CREATE INDEX ON many.t_%s (ts)', i);
    END IF;
  END LOOP;
END $$`)
}

/** The narrow table: DEVICES × METRICS rows every STEP_SECONDS, ending at END. */
export async function createReadings(
  driver: Driver,
  rows: number,
  timescale: boolean,
): Promise<void> {
  await driver.query(`CREATE TABLE readings (
    time timestamptz NOT NULL, device_id int, metric text, value double precision)`)
  if (timescale) await driver.query("SELECT create_hypertable('readings', 'time')")
  const perStep = DEVICES * METRICS.length
  const steps = Math.ceil(rows / perStep)
  const batch = Math.max(1, Math.floor(250_000 / perStep))
  for (let done = 0; done < steps; done += batch) {
    const n = Math.min(batch, steps - done)
    await driver.query(
      `INSERT INTO readings (time, device_id, metric, value)
       SELECT $1::timestamptz - (g * interval '${STEP_SECONDS} seconds'), d, m, random() * 100
         FROM generate_series($2::int, $3::int) g, generate_series(1, ${DEVICES}) d,
              unnest($4::text[]) m`,
      [new Date(END).toISOString(), done + 1, done + n, [...METRICS]],
    )
  }
  // What create_hypertable makes on its own; a plain table gets the same.
  if (!timescale) await driver.query('CREATE INDEX ON readings (time DESC)')
  await driver.query('CREATE INDEX ON readings (device_id, time DESC)')
  await driver.query('ANALYZE readings')
}

/** The time the readings start at. */
export function readingsStart(rows: number): number {
  const steps = Math.ceil(rows / (DEVICES * METRICS.length))
  return END - steps * STEP_SECONDS * 1000
}
