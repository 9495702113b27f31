import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseRollup } from '../../../shared/domain/rollups'
import { ChartSpecSchema } from '../../../shared/domain/chart'
import { readFeatures } from '../catalog/features'
import { ENGINES, hasTimescale, openEngine, type EngineHarness } from '../test-support/engines'
import { readRollups } from './read'

describe.each(ENGINES)('continuous aggregates in the catalog (%s)', (engine) => {
  let h: EngineHarness
  beforeAll(async () => {
    h = await openEngine(engine)
  })
  afterAll(async () => {
    await h?.close()
  })

  it.runIf(!hasTimescale(engine))('reads none without TimescaleDB', async () => {
    const features = await readFeatures(h.driver)
    expect(await readRollups(h.driver, features)).toEqual([])
  })

  it.runIf(hasTimescale(engine))(
    'reads bucket, zone, columns, watermark and policy, and a chart picks the coarsest usable one',
    async () => {
      const q = (sql: string) => h.driver.query(sql)
      await h.dropTables('rsd')
      await q('CREATE TABLE rsd (time timestamptz NOT NULL, sensor_id int, temperature float8)')
      await q(`SELECT create_hypertable('rsd', 'time')`)
      await q(`INSERT INTO rsd SELECT t, (i % 3), i % 17
                 FROM generate_series(timestamptz '2026-01-01', '2026-01-03', '10 min') WITH ORDINALITY AS g(t, i)`)
      await q(`CREATE MATERIALIZED VIEW rsd_1h WITH (timescaledb.continuous) AS
                 SELECT time_bucket('1 hour', time) AS bucket, sensor_id,
                        sum(temperature) AS s, count(temperature) AS c, min(temperature) AS lo,
                        max(temperature) AS hi, count(*) AS n
                   FROM rsd GROUP BY 1, 2 WITH NO DATA`)
      await q(`CREATE MATERIALIZED VIEW rsd_day WITH (timescaledb.continuous) AS
                 SELECT time_bucket('1 day', time, 'Europe/Berlin') AS day, sensor_id, count(*) AS n
                   FROM rsd GROUP BY 1, 2 WITH NO DATA`)
      await q(`CALL refresh_continuous_aggregate('rsd_1h', NULL, '2026-01-02')`)
      await q(`SELECT add_continuous_aggregate_policy('rsd_1h', start_offset => INTERVAL '3 days',
                 end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour')`)
      const features = await readFeatures(h.driver)
      const rollups = await readRollups(h.driver, features, { schema: 'public', name: 'rsd' })
      expect(rollups.map((r) => r.view.name)).toEqual(['rsd_1h', 'rsd_day'])
      const [hourly, daily] = rollups
      expect(hourly).toMatchObject({
        bucketSeconds: 3600,
        timeZone: null,
        timeColumn: 'time',
        bucketColumn: 'bucket',
        groupColumns: [{ column: 'sensor_id', source: 'sensor_id' }],
        watermarkMs: Date.UTC(2026, 0, 2),
        unusable: null,
        policy: { startOffset: '3 days', endOffset: '01:00:00', schedule: '01:00:00' },
      })
      expect(hourly?.columns).toHaveLength(5)
      expect(hourly?.bytes).toBeGreaterThan(0)
      expect(daily).toMatchObject({
        bucketSeconds: 86_400,
        timeZone: 'Europe/Berlin',
        policy: null,
      })

      const spec = ChartSpecSchema.parse({
        table: { schema: 'public', name: 'rsd' },
        time: { column: 'time' },
        measures: [{ column: 'temperature', aggregate: 'avg' }],
        split: { column: 'sensor_id' },
      })
      const window = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 0, 3) }
      const sixHours = chooseRollup(rollups, {
        spec,
        bucketSeconds: 6 * 3600,
        timeZone: 'UTC',
        ...window,
      })
      expect(sixHours?.rollup.view.name).toBe('rsd_1h')
      // avg cannot come from rsd_day (no sum), so Berlin days read the hourly one.
      const berlin = chooseRollup(rollups, {
        spec,
        bucketSeconds: 86_400,
        timeZone: 'Europe/Berlin',
        ...window,
      })
      expect(berlin?.rollup.view.name).toBe('rsd_1h')
      const countSpec = {
        ...spec,
        measures: [{ column: 'temperature', aggregate: 'count' as const }],
      }
      expect(
        chooseRollup(rollups, { spec: countSpec, bucketSeconds: 3600, timeZone: 'UTC', ...window }),
      ).not.toBeNull()
    },
  )
})
