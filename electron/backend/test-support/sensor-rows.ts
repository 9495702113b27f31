import { BinaryTupleWriter } from '../db/copy-binary'
import type { CopyChunk, Driver } from '../db/driver'
import { quickStartSchema } from './quick-start'

export interface SensorRow {
  time: number
  sensorId: number
  temperature: number
  cpu: number
}

/** Rows as binary COPY chunks of `perChunk` rows, optionally failing after `failAfter` chunks. */
export async function* sensorChunks(
  rows: SensorRow[],
  perChunk = 100,
  failAfter?: number,
): AsyncGenerator<CopyChunk> {
  const writer = new BinaryTupleWriter()
  let chunks = 0
  for (let i = 0; i < rows.length; i += perChunk) {
    if (failAfter !== undefined && chunks === failAfter) throw new Error('source broke mid-stream')
    const slice = rows.slice(i, i + perChunk)
    for (const r of slice) {
      writer.beginTuple(4).timestamptz(r.time).int4(r.sensorId).float8(r.temperature).float8(r.cpu)
    }
    chunks++
    yield { bytes: writer.take(), rows: slice.length }
  }
}

export function sampleRows(count: number, sensorId = 1, start = Date.UTC(2026, 0, 1)): SensorRow[] {
  return Array.from({ length: count }, (_, i) => ({
    time: start + i * 60_000,
    sensorId,
    temperature: 20 + (i % 10),
    cpu: (i % 100) / 100,
  }))
}

/**
 * The quick start's tables made with its own SQL (sensor_data a hypertable
 * when asked), `sensors` as (type, location) pairs with ids from 1, and
 * `rows` loaded by binary COPY.
 */
export async function loadQuickStartReadings(
  driver: Driver,
  sensors: [type: string, location: string][],
  rows: SensorRow[],
  hypertable: boolean,
): Promise<void> {
  for (const statement of quickStartSchema()) await driver.query(statement)
  if (hypertable) await driver.query("SELECT create_hypertable('sensor_data', 'time')")
  for (const [type, location] of sensors) {
    await driver.query('INSERT INTO sensors (type, location) VALUES ($1, $2)', [type, location])
  }
  await driver.copyIn({
    table: 'sensor_data',
    columns: ['time', 'sensor_id', 'temperature', 'cpu'],
    format: 'binary',
    chunks: sensorChunks(rows, 2000),
  })
}
