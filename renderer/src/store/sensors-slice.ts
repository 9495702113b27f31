import type { SliceCreator, Store } from '.'
import type { SchemaStatus } from '../../../shared/domain/schema'
import type { Sensor, SensorFields } from '../../../shared/domain/sensors'
import { AppError } from '../../../shared/errors'
import { call } from '../api/client'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

export type SensorsBusy = 'loading' | 'setup' | 'seed' | null

/** What a delete came to: done, the server wants confirmation for readings, or an error. */
export type DeleteOutcome =
  { kind: 'deleted' } | { kind: 'confirm'; readings: number } | { kind: 'failed'; message: string }

export interface SensorsSlice {
  /** Null until loaded, and while not connected. */
  schema: SchemaStatus | null
  /** Null while the sensors table does not exist (or is not usable). */
  sensors: Sensor[] | null
  sensorsBusy: SensorsBusy
  /** The read of schema and sensors: 'ready' once it ended (schema null: not connected). */
  sensorsStatus: QueryStatus
  /** Why the page could not be loaded, shown on the page itself. */
  sensorsLoadError: string | null
  refreshSensors(): Promise<void>
  setUpSchema(): Promise<void>
  seedSensors(): Promise<void>
  /** Resolves with an error message to show inline, or null on success. */
  addSensor(fields: SensorFields): Promise<string | null>
  updateSensor(id: number, fields: SensorFields): Promise<string | null>
  deleteSensor(id: number, deleteReadings: boolean): Promise<DeleteOutcome>
}

/**
 * What the schema and sensor list depend on: read while the Sensors page or
 * the sample-data dialog is shown (each time either opens), and again for
 * another database, new data, or TimescaleDB enabled.
 */
const sensorsInputs = (s: Store) =>
  [
    s.view === 'sensors',
    s.sampleDataDialogOpen,
    s.connection.status,
    s.connection.target?.label ?? null,
    s.connection.server?.database ?? null,
    s.connection.server?.timescaledb.installed ?? null,
    s.dataVersion,
  ] as const

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export const createSensorsSlice: SliceCreator<SensorsSlice> = (set, get, store) => {
  const read = new LatestRequest()
  const stopped = () =>
    set((s) => ({ sensorsBusy: s.sensorsBusy === 'loading' ? null : s.sensorsBusy }))

  /** Reads schema and sensors; a newer read (e.g. for the next connection) supersedes it. */
  const refresh = async (): Promise<void> => {
    const signal = read.start()
    if (get().connection.status !== 'connected') {
      read.cancel()
      set({ schema: null, sensors: null, sensorsLoadError: null, sensorsStatus: 'ready' })
      stopped()
      return
    }
    set({ sensorsStatus: 'loading', sensorsBusy: get().sensorsBusy ?? 'loading' })
    try {
      const schema = await call('schema/status', {}, { signal })
      const sensors =
        schema.tables.sensors === 'present' ? await call('sensors/list', {}, { signal }) : null
      if (signal.aborted) return
      set({ schema, sensors, sensorsLoadError: null, sensorsStatus: 'ready' })
    } catch (error) {
      if (signal.aborted) return
      set({
        schema: null,
        sensors: null,
        sensorsLoadError: messageOf(error),
        sensorsStatus: 'error',
      })
    }
    stopped()
  }

  whenChanged(store, sensorsInputs, ([page, dialog]) => {
    if (page || dialog) void refresh()
    else if (read.cancel()) {
      set({ sensorsStatus: 'idle' })
      stopped()
    }
  })

  /** Runs a change, then refreshes whatever happened: the status must follow every change. */
  const change = async <T>(busy: SensorsBusy, work: () => Promise<T>): Promise<T> => {
    if (busy) set({ sensorsBusy: busy })
    try {
      return await work()
    } finally {
      if (busy) set({ sensorsBusy: null })
      await refresh()
    }
  }

  /** A change whose form shows the error inline: resolves with its message, or null. */
  const inline = (work: () => Promise<unknown>): Promise<string | null> =>
    change(null, async () => {
      try {
        await work()
        return null
      } catch (error) {
        return messageOf(error)
      }
    })

  return {
    schema: null,
    sensors: null,
    sensorsBusy: null,
    sensorsStatus: 'idle',
    sensorsLoadError: null,

    refreshSensors: refresh,

    setUpSchema: () =>
      change('setup', async () => {
        try {
          const result = await call('schema/setup', {})
          get().notify({
            kind: 'success',
            title: result.actions.length > 0 ? 'Schema set up' : 'Schema already set up',
            message:
              result.actions.length > 0
                ? `${result.actions.join('; ')}.`
                : 'Nothing needed to change.',
          })
        } catch (error) {
          // The refreshed status shows the details.
          get().reportFailure('Schema setup stopped', error)
        }
      }),

    seedSensors: () =>
      change('seed', async () => {
        try {
          const result = await call('sensors/seed', {})
          get().notify({
            kind: 'success',
            title:
              result.added.length > 0
                ? `Added ${result.added.length} quick-start sensor${result.added.length === 1 ? '' : 's'}`
                : 'The quick-start sensors already exist',
            message: result.added.map((s) => `${s.id}: ${s.type}, ${s.location}`).join(' · '),
          })
        } catch (error) {
          get().reportFailure('Could not add the sensors', error)
        }
      }),

    addSensor: (fields) => inline(() => call('sensors/add', fields)),

    updateSensor: (id, fields) => inline(() => call('sensors/update', { id, ...fields })),

    deleteSensor: (id, deleteReadings) =>
      change(null, async (): Promise<DeleteOutcome> => {
        try {
          const done = await call('sensors/delete', { id, deleteReadings })
          get().notify({
            kind: 'success',
            title: `Deleted sensor ${done.id}`,
            message:
              done.readingsDeleted > 0
                ? `Its ${done.readingsDeleted.toLocaleString('en-US')} readings were deleted with it.`
                : 'It had no readings.',
          })
          return { kind: 'deleted' }
        } catch (error) {
          const readings = error instanceof AppError ? error.detail?.readings : undefined
          if (
            error instanceof AppError &&
            error.code === 'conflict' &&
            typeof readings === 'number'
          ) {
            return { kind: 'confirm', readings }
          }
          return { kind: 'failed', message: messageOf(error) }
        }
      }),
  }
}
