import { BinaryTupleWriter } from '../db/copy-binary'
import type { CopyChunk } from '../db/driver'

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
