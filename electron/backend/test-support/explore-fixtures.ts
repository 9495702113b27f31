/**
 * Databases unlike the quick start, for the catalog and chart-builder tests:
 * (a) weather, a hypertable where TimescaleDB is installed; (b) hosts and a
 * narrow metrics table referencing it; (c) a plain table with
 * `timestamp without time zone`; and a table whose every name is hostile.
 * All data comes from generate_series, so it is the same on every engine.
 */
import type { Queryable } from '../db/driver'

/** Whether the database has TimescaleDB: it must, exactly when the engine does. */
async function checkTimescale(db: Queryable, expected: boolean): Promise<boolean> {
  const { rows } = await db.query<{ installed: string | null }>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS installed`,
  )
  const installed = Boolean(rows[0]?.installed)
  if (installed !== expected) {
    throw new Error(`The database ${installed ? 'has' : 'lacks'} TimescaleDB, unlike its engine`)
  }
  return installed
}

export const WEATHER_FROM = '2026-01-10 00:00:00+00'
export const WEATHER_TO = '2026-01-13 00:00:00+00'
export const STATIONS = ['north', 'south', 'east', 'west'] as const

export const HOSTILE_TABLE = 'weird "table"; drop'
export const HOSTILE_COLUMNS = {
  time: 'Time Stamp',
  value: 'va"lue',
  unicode: 'Größe °C',
  split: 'select',
  group: 'Group',
} as const

/** (a) Every 10 minutes at four stations over three days; pressure has one decimal. */
async function createWeather(db: Queryable, timescale: boolean): Promise<void> {
  await db.query(`CREATE TABLE weather (
    observed_at timestamptz NOT NULL,
    station text,
    temp_c real,
    humidity smallint,
    pressure numeric(6,1))`)
  if (timescale) {
    await db.query(
      `SELECT create_hypertable('weather', 'observed_at', chunk_time_interval => interval '1 day')`,
    )
  } else {
    // What create_hypertable makes on its own.
    await db.query('CREATE INDEX weather_observed_at_idx ON weather (observed_at DESC)')
  }
  await db.query('CREATE INDEX weather_station_time ON weather (station, observed_at DESC)')
  await db.query(`INSERT INTO weather
    SELECT t, s,
           (10 + 6 * sin(extract(epoch FROM t) / 7200 + i) + i)::real,
           (40 + ((extract(epoch FROM t) / 600)::int * 7 + i * 13) % 50)::smallint,
           (990 + ((extract(epoch FROM t) / 600)::int * 3 + i * 11) % 400 / 10.0)::numeric(6,1)
      FROM generate_series(timestamptz '${WEATHER_FROM}', timestamptz '${WEATHER_TO}' - interval '10 minutes',
                           interval '10 minutes') t,
           unnest(ARRAY['${STATIONS.join("','")}']) WITH ORDINALITY st(s, i)
     -- The south station was down for two hours.
     WHERE NOT (s = 'south' AND t >= timestamptz '2026-01-11 04:00+00' AND t < timestamptz '2026-01-11 06:00+00')`)
  await db.query('ANALYZE weather')
}

/** (b) Three hosts; a narrow table of one row per host, metric and minute over one day. */
async function createHostMetrics(db: Queryable, timescale: boolean): Promise<void> {
  await db.query('CREATE TABLE hosts (id serial PRIMARY KEY, name text, region text)')
  await db.query(
    `INSERT INTO hosts (name, region) VALUES ('alpha', 'eu'), ('beta', 'us'), ('gamma', 'eu')`,
  )
  await db.query(`CREATE TABLE metrics (
    ts timestamptz NOT NULL,
    host_id int REFERENCES hosts (id),
    metric text,
    value double precision)`)
  if (timescale) {
    await db.query(
      `SELECT create_hypertable('metrics', 'ts', chunk_time_interval => interval '6 hours')`,
    )
  } else {
    await db.query('CREATE INDEX metrics_ts_idx ON metrics (ts DESC)')
  }
  await db.query(`INSERT INTO metrics
    SELECT t, h, m, (h * 10 + j + sin(extract(epoch FROM t) / 900 + h * j))::float8
      FROM generate_series(timestamptz '2026-02-01 00:00+00', timestamptz '2026-02-01 23:59+00',
                           interval '1 minute') t,
           generate_series(1, 3) h,
           unnest(ARRAY['cpu', 'mem', 'disk']) WITH ORDINALITY mt(m, j)`)
  await db.query('ANALYZE hosts')
  await db.query('ANALYZE metrics')
}

/** (c) A plain table of wall-clock times (no zone) every 5 minutes for two days. */
async function createLocalReadings(db: Queryable): Promise<void> {
  await db.query(`CREATE TABLE local_readings (
    taken_at timestamp without time zone,
    line varchar(20),
    level double precision)`)
  await db.query('CREATE INDEX local_readings_taken_at ON local_readings (taken_at)')
  await db.query(`INSERT INTO local_readings
    SELECT t, l, (extract(hour FROM t) * 2 + k + extract(minute FROM t) / 60)::float8
      FROM generate_series(timestamp '2026-03-07 00:00', timestamp '2026-03-08 23:55',
                           interval '5 minutes') t,
           unnest(ARRAY['line 1', 'line 2']) WITH ORDINALITY ln(l, k)`)
  await db.query('ANALYZE local_readings')
}

/** Spaces, quotes, upper case, unicode, a reserved word, and SQL in the table's name. */
async function createHostile(db: Queryable): Promise<void> {
  const c = HOSTILE_COLUMNS
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`
  await db.query(`CREATE TABLE ${q(HOSTILE_TABLE)} (
    ${q(c.time)} timestamptz,
    ${q(c.value)} double precision,
    ${q(c.unicode)} real,
    ${q(c.split)} text,
    ${q(c.group)} int)`)
  await db.query(`INSERT INTO ${q(HOSTILE_TABLE)}
    SELECT t, g * 1.5 + extract(minute FROM t), g, CASE WHEN g = 1 THEN 'from' ELSE 'where' END, g
      FROM generate_series(timestamptz '2026-01-10 00:00+00', timestamptz '2026-01-10 05:59+00',
                           interval '1 minute') t,
           generate_series(1, 2) g`)
  await db.query(`CREATE INDEX ON ${q(HOSTILE_TABLE)} (${q(c.split)})`)
  await db.query(`ANALYZE ${q(HOSTILE_TABLE)}`)
}

export interface ExploreFixtures {
  timescale: boolean
}

export async function createExploreFixtures(
  db: Queryable,
  /** The engine has TimescaleDB (hasTimescale(engine)): the tables become hypertables. */
  expectTimescale: boolean,
): Promise<ExploreFixtures> {
  const timescale = await checkTimescale(db, expectTimescale)
  await createWeather(db, timescale)
  await createHostMetrics(db, timescale)
  await createLocalReadings(db)
  await createHostile(db)
  return { timescale }
}
