import { describeConflict } from '../../../../shared/domain/schema'
import type { Sensor } from '../../../../shared/domain/sensors'
import { useStore } from '../../store'
import type { LoadTarget } from './sample-plan'

export interface Target extends LoadTarget {
  sensors: Sensor[]
  tablesMissing: boolean
}

/**
 * What the database has for a load: the sensors slice's schema and sensors,
 * which it reads afresh whenever the sample-data dialog opens (it may open
 * from a page that never read them). Null while that read is on its way.
 */
export function useLoadTarget(): { target: Target | null; failure: string | null } {
  const status = useStore((s) => s.sensorsStatus)
  const schema = useStore((s) => s.schema)
  const sensors = useStore((s) => s.sensors)
  const loadError = useStore((s) => s.sensorsLoadError)
  if (status === 'idle' || status === 'loading') return { target: null, failure: null }
  // No schema and no error: the connection went away while the form was open.
  if (!schema) {
    return {
      target: null,
      failure: loadError ?? 'Not connected. Connect to a database on the Connections page.',
    }
  }
  const tablesMissing =
    schema.tables.sensors === 'missing' || schema.tables.sensor_data === 'missing'
  return {
    target: {
      tablesReady: !tablesMissing,
      tablesMissing,
      blocked: schema.state === 'conflict' ? describeConflict(schema.differences) : null,
      sensors: tablesMissing ? [] : (sensors ?? []),
    },
    failure: null,
  }
}
