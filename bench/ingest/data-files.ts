import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { QUICK_START_SENSORS } from '../../shared/domain/sensors'
import {
  BINARY_COPY_HEADER,
  BINARY_COPY_TRAILER,
  PG_EPOCH_MS,
  TWO_32,
} from '../../electron/backend/db/copy-binary'
import {
  READING_TUPLE_BYTES,
  SampleGenerator,
} from '../../electron/backend/ingest/sample-generator'
import type { ModelSensor } from '../../electron/backend/ingest/sensor-model'

/** The quick start's four sensors, with the ids a fresh `sensors` table gives them. */
export const BENCH_SENSORS: readonly ModelSensor[] = QUICK_START_SENSORS.map(
  ([type, location], i) => ({ id: i + 1, type, location }),
)

/** What our load is asked for; the files below hold exactly the rows it generates. */
export interface BenchSpec {
  from: number
  to: number
  intervalMs: number
  seed: number
  rows: number
}

export function benchSpec(requestedRows: number): BenchSpec {
  const steps = Math.max(1, Math.ceil(requestedRows / BENCH_SENSORS.length))
  const from = Date.UTC(2026, 0, 1)
  const intervalMs = 1000
  return {
    from,
    to: from + (steps - 1) * intervalMs,
    intervalMs,
    seed: 42,
    rows: steps * BENCH_SENSORS.length,
  }
}

async function write(stream: WriteStream, data: Uint8Array | string): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain')
}

async function finish(stream: WriteStream): Promise<void> {
  stream.end()
  await once(stream, 'finish')
}

/**
 * Writes the generator's output twice: as a binary COPY file, and as COPY text
 * decoded from those very tuples (ISO times, shortest round-trip doubles, which
 * PostgreSQL reads back to the same values), so every peer loads the same rows.
 */
export async function writeDataFiles(
  spec: BenchSpec,
  paths: { text: string; binary: string },
): Promise<void> {
  const generator = new SampleGenerator({
    from: spec.from,
    to: spec.to,
    intervalMs: spec.intervalMs,
    sensors: BENCH_SENSORS,
    seed: spec.seed,
  })
  const binary = createWriteStream(paths.binary)
  const text = createWriteStream(paths.text)
  await write(binary, BINARY_COPY_HEADER)
  for (let chunk = generator.nextChunk(); chunk; chunk = generator.nextChunk()) {
    await write(binary, chunk.bytes)
    const view = new DataView(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength)
    let lines = ''
    for (let at = 0; at < chunk.bytes.byteLength; at += READING_TUPLE_BYTES) {
      const micros = view.getInt32(at + 6) * TWO_32 + view.getUint32(at + 10)
      const time = new Date(micros / 1000 + PG_EPOCH_MS).toISOString()
      const id = view.getInt32(at + 18)
      const temperature = view.getFloat64(at + 26)
      const cpu = view.getFloat64(at + 38)
      lines += `${time}\t${id}\t${temperature}\t${cpu}\n`
    }
    await write(text, lines)
  }
  await write(binary, BINARY_COPY_TRAILER)
  await Promise.all([finish(binary), finish(text)])
}
