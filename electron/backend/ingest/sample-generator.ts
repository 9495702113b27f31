import { stepsIn, MINUTE_MS } from '../../../shared/domain/ingest'
import { PG_EPOCH_MS, TWO_32 } from '../db/copy-binary'
import type { CopyChunk } from '../db/driver'
import { SensorModel, type ModelSensor } from './sensor-model'

/** Bytes of one (time, sensor_id, temperature, cpu) tuple in binary COPY format. */
export const READING_TUPLE_BYTES = 2 + (4 + 8) + (4 + 4) + (4 + 8) + (4 + 8)

/** Default chunk: a quarter megabyte, about 5,700 rows; memory stays flat whatever the row count. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024

export interface GeneratorOptions {
  from: number
  to: number
  intervalMs: number
  sensors: readonly ModelSensor[]
  seed: number
  utcOffsetMinutes?: number
}

/**
 * Realistic readings for every sensor at every interval from `from` to `to`
 * (both included), in time order, encoded straight into binary COPY tuples in
 * bounded buffers. (Fixed offsets rather than BinaryTupleWriter: this is the
 * load's hot loop, and the writer's per-field checks cost about a third more.)
 */
export class SampleGenerator {
  readonly totalRows: number
  private readonly models: SensorModel[]
  private readonly ids: Int32Array
  private readonly offsetMs: number
  private readonly steps: number
  private step = 0

  constructor(private readonly options: GeneratorOptions) {
    this.steps = stepsIn(options.from, options.to, options.intervalMs)
    this.totalRows = this.steps * options.sensors.length
    this.models = options.sensors.map((s) => new SensorModel(s, options.seed, options.intervalMs))
    this.ids = Int32Array.from(options.sensors.map((s) => s.id))
    this.offsetMs = (options.utcOffsetMinutes ?? 0) * MINUTE_MS
  }

  get rowsDone(): number {
    return this.step * this.models.length
  }

  /** The next chunk of whole time steps, at most `maxBytes` (but at least one step), or null at the end. */
  nextChunk(maxBytes = DEFAULT_CHUNK_BYTES): CopyChunk | null {
    const sensors = this.models.length
    if (this.step >= this.steps || sensors === 0) return null
    const stepBytes = sensors * READING_TUPLE_BYTES
    const stepsNow = Math.min(this.steps - this.step, Math.max(1, Math.floor(maxBytes / stepBytes)))
    const bytes = new Uint8Array(stepsNow * stepBytes)
    const view = new DataView(bytes.buffer)
    const { from, intervalMs } = this.options
    let at = 0
    for (let k = 0; k < stepsNow; k++, this.step++) {
      const time = from + this.step * intervalMs
      const micros = (time - PG_EPOCH_MS) * 1000
      const high = Math.floor(micros / TWO_32)
      const low = micros - high * TWO_32
      const local = time + this.offsetMs
      for (let s = 0; s < sensors; s++) {
        const model = this.models[s]!
        model.step(local)
        view.setInt16(at, 4)
        view.setInt32(at + 2, 8)
        view.setInt32(at + 6, high)
        view.setUint32(at + 10, low)
        view.setInt32(at + 14, 4)
        view.setInt32(at + 18, this.ids[s]!)
        view.setInt32(at + 22, 8)
        view.setFloat64(at + 26, model.temperature)
        view.setInt32(at + 34, 8)
        view.setFloat64(at + 38, model.cpu)
        at += READING_TUPLE_BYTES
      }
    }
    return { bytes, rows: stepsNow * sensors }
  }

  /** All chunks, as the drivers' copyIn takes them. */
  async *chunks(maxBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<CopyChunk> {
    for (let chunk = this.nextChunk(maxBytes); chunk; chunk = this.nextChunk(maxBytes)) {
      yield chunk
    }
  }
}
