/** The quick start's tables with readings a spec controls, in a web host of its own. */
import { Random } from '../../electron/backend/ingest/random'
import {
  loadQuickStartReadings,
  type SensorRow,
} from '../../electron/backend/test-support/sensor-rows'
import { hostWithData } from './data-dirs'

const MINUTE = 60_000
export const SENSORS: [type: string, location: string][] = [
  ['a', 'floor'],
  ['a', 'ceiling'],
  ['b', 'floor'],
  ['b', 'ceiling'],
]

/** The quick start's data: four sensors, 24 hours up to `end`; here one reading a minute. */
export function readings(end: number): SensorRow[] {
  const random = new Random(7)
  const rows: SensorRow[] = []
  for (let sensorId = 1; sensorId <= SENSORS.length; sensorId++) {
    for (let t = end - 24 * 60 * MINUTE; t < end; t += MINUTE) {
      rows.push({ time: t, sensorId, temperature: random.next() * 100, cpu: random.next() })
    }
  }
  return rows
}

/** A web host of its own over a folder holding the readings above, up to `end`. */
export function hostWithReadings(end = Math.floor(Date.now() / MINUTE) * MINUTE) {
  return hostWithData('charts', (driver) =>
    // For exact comparisons: readings the spec controls, the quick start's tables,
    // a hypertable, binary COPY.
    loadQuickStartReadings(driver, SENSORS, readings(end), true),
  )
}
