import {
  addSensor,
  deleteSensor,
  explainSensorError,
  listSensors,
  seedQuickStartSensors,
  updateSensor,
} from '../sensors/repository'
import type { HandlerMap } from './types'

/** Runs a sensor operation, turning the database's errors into ones the user can act on. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw explainSensorError(error)
  }
}

export const sensorsHandlers = {
  'sensors/list': (_request, ctx) => explained(() => listSensors(ctx.db())),
  'sensors/add': (request, ctx) => explained(() => addSensor(ctx.db(), request)),
  'sensors/update': ({ id, ...fields }, ctx) => explained(() => updateSensor(ctx.db(), id, fields)),
  'sensors/delete': ({ id, deleteReadings }, ctx) =>
    explained(() => deleteSensor(ctx.db(), id, deleteReadings)),
  'sensors/seed': (_request, ctx) =>
    explained(() => ctx.db().transaction((tx) => seedQuickStartSensors(tx))),
} satisfies Pick<
  HandlerMap,
  'sensors/list' | 'sensors/add' | 'sensors/update' | 'sensors/delete' | 'sensors/seed'
>
