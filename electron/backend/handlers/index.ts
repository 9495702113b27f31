import { appHandlers } from './app'
import { catalogHandlers } from './catalog'
import { connectionHandlers } from './connection'
import { explainHandlers } from './explain'
import { hypertableHandlers } from './hypertables'
import { consoleHandlers } from './console'
import { ingestHandlers } from './ingest'
import { profileHandlers } from './profiles'
import { rollupHandlers } from './rollups'
import { savedChartHandlers } from './saved-charts'
import { schemaHandlers } from './schema'
import { sensorsHandlers } from './sensors'
import { seriesHandlers } from './series'
import type { HandlerMap } from './types'

/** Every call in the contract, implemented. A missing handler is a type error. */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...connectionHandlers,
  ...profileHandlers,
  ...schemaHandlers,
  ...sensorsHandlers,
  ...ingestHandlers,
  ...seriesHandlers,
  ...explainHandlers,
  ...hypertableHandlers,
  ...consoleHandlers,
  ...catalogHandlers,
  ...savedChartHandlers,
  ...rollupHandlers,
}
