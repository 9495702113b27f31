import type { HandlerMap } from './types'

export const appHandlers = {
  'app/info': async (_request, ctx) => ctx.app,
} satisfies Pick<HandlerMap, 'app/info'>
