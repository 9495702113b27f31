/**
 * The quick start's chart ("Quick start: sensor_data") as a preset of the
 * generic chart spec: the average of temperature or cpu from sensor_data, one
 * series per sensor, or per location or type through the sensors table its
 * sensor_id references.
 */
import type { ChartFilter, ChartSpec } from './chart'
import type { ColumnRef } from './catalog'
import type { GroupBy, Metric } from './series'

export const QUICK_START_TABLE = 'sensor_data'

export interface QuickStartChoice {
  metric: Metric
  groupBy: GroupBy
  filters: { locations: string[]; types: string[]; sensorIds: number[] }
}

const throughSensor = (column: 'location' | 'type'): ColumnRef => ({ via: 'sensor_id', column })

const splitOf: Record<GroupBy, ColumnRef> = {
  sensor: { column: 'sensor_id' },
  location: throughSensor('location'),
  type: throughSensor('type'),
}

/** The spec of the quick start's chart, for sensor_data in `schema`. */
export function quickStartSpec(choice: QuickStartChoice, schema: string): ChartSpec {
  const filters: ChartFilter[] = []
  const { locations, types, sensorIds } = choice.filters
  if (locations.length > 0) filters.push({ column: throughSensor('location'), values: locations })
  if (types.length > 0) filters.push({ column: throughSensor('type'), values: types })
  if (sensorIds.length > 0) {
    filters.push({ column: { column: 'sensor_id' }, values: sensorIds.map(String) })
  }
  return {
    table: { schema, name: QUICK_START_TABLE },
    time: { column: 'time' },
    measures: [{ column: choice.metric, aggregate: 'avg' }],
    split: splitOf[choice.groupBy],
    filters,
  }
}
