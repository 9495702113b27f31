import { appHandlers } from './app'
import { connectionHandlers } from './connection'
import { ingestHandlers } from './ingest'
import { profileHandlers } from './profiles'
import { schemaHandlers } from './schema'
import { sensorsHandlers } from './sensors'
import type { HandlerMap } from './types'

/** Every call in the contract, implemented. A missing handler is a type error. */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...connectionHandlers,
  // profiles (issue 3)
  ...profileHandlers,
  // schema and sensors (issue 4)
  ...schemaHandlers,
  ...sensorsHandlers,
  // bulk loads (issue 5)
  ...ingestHandlers,
  // series (issue 6)
}
