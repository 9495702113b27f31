import { appHandlers } from './app'
import { connectionHandlers } from './connection'
import { seriesHandlers } from './series'
import type { HandlerMap } from './types'

/** Every call in the contract, implemented. A missing handler is a type error. */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...connectionHandlers,
  ...seriesHandlers,
}
