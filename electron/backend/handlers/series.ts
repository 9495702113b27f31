import {
  sensorLabel,
  type SensorOption,
  type SeriesExtent,
  type SeriesFilterOptions,
} from '../../../shared/domain/series'
import { readTimeExtent } from '../catalog/time-extent'
import type { Driver } from '../db/driver'
import { rowEstimateSql } from '../db/timescaledb'
import { explainMissingTables, queryBucketed } from '../series/bucketed'
import { readCapabilities } from '../series/capabilities'
import { queryChart } from '../series/chart'
import { startRawExport } from '../series/raw-export'
import type { HandlerMap } from './types'

/** The quick start's table and time column, as its own SQL names them (through the search path). */
const SENSOR_DATA_TIME = { table: ['sensor_data'], column: 'time' } as const

async function rowEstimate(driver: Driver, timescaledb: boolean): Promise<number | null> {
  // Covers hypertables (whose parent holds no rows, compressed chunks included) and plain tables.
  const sql = timescaledb
    ? `SELECT ${rowEstimateSql("to_regclass('sensor_data')")} AS n`
    : `SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass('sensor_data')`
  const { rows } = await driver.query<{ n: number | null }>(sql)
  const n = Number(rows[0]?.n ?? -1)
  // 0 or -1 before the first ANALYZE: unknown, not empty.
  return n > 0 ? Math.round(n) : null
}

async function extent(driver: Driver): Promise<SeriesExtent> {
  const caps = await readCapabilities(driver)
  if (!caps.tables) return { tables: false, first: null, last: null, rowEstimate: null }
  const { first, last } = await readTimeExtent(driver, SENSOR_DATA_TIME)
  return {
    tables: true,
    first: first ? new Date(first).getTime() : null,
    last: last ? new Date(last).getTime() : null,
    rowEstimate: first ? await rowEstimate(driver, caps.timescaledb) : 0,
  }
}

const FILTER_LIMIT = 2000

async function filterOptions(driver: Driver): Promise<SeriesFilterOptions> {
  const caps = await readCapabilities(driver)
  const none = { locations: [], types: [], sensors: [], timescaledb: caps.timescaledb }
  if (!caps.tables) return { tables: false, ...none }
  const distinct = async (column: 'location' | 'type') => {
    const { rows } = await driver.query<{ v: string }>(
      `SELECT DISTINCT ${column} AS v FROM sensors WHERE ${column} IS NOT NULL ORDER BY 1 LIMIT ${FILTER_LIMIT}`,
    )
    return rows.map((r) => r.v)
  }
  const locations = await distinct('location')
  const types = await distinct('type')
  const { rows } = await driver.query<Omit<SensorOption, 'label'>>(
    `SELECT id, type, location FROM sensors ORDER BY id LIMIT ${FILTER_LIMIT}`,
  )
  const sensors = rows.map((r) => ({ ...r, id: Number(r.id), label: sensorLabel(r) }))
  return { tables: true, locations, types, sensors, timescaledb: caps.timescaledb }
}

export const seriesHandlers = {
  // A cancelled call (a superseded chart: see the renderer's charts slice) stops its
  // statement: PostgreSQL cancels it on the server; the embedded engine drops it
  // from its queue, or discards its result if it is already running.
  'series/bucketed': async (request, ctx) => {
    try {
      return await queryBucketed(ctx.db(), request, ctx.signal)
    } catch (error) {
      throw explainMissingTables(error)
    }
  },
  'series/chart': (request, ctx) => queryChart(ctx.db(), request, ctx.signal),
  // The job outlives this call: it reads on the session's driver, not the call's.
  'series/export': (request, ctx) =>
    startRawExport(
      ctx.db(),
      ctx.session.require(),
      request,
      { jobs: ctx.jobs, downloads: ctx.downloads, chooseFile: ctx.chooseExportFile },
      ctx.signal,
    ),
  'series/extent': async (_request, ctx) => {
    try {
      return await extent(ctx.db())
    } catch (error) {
      throw explainMissingTables(error)
    }
  },
  'series/filters': async (_request, ctx) => {
    try {
      return await filterOptions(ctx.db())
    } catch (error) {
      throw explainMissingTables(error)
    }
  },
} satisfies Pick<
  HandlerMap,
  'series/bucketed' | 'series/chart' | 'series/export' | 'series/extent' | 'series/filters'
>
