import type { HandlerMap } from './types'

export const connectionHandlers = {
  'connection/open': (request, ctx) => ctx.session.open(request.target),
  'connection/close': (_request, ctx) => ctx.session.close(),
  'connection/state': async (_request, ctx) => ctx.session.current,
  'server/info': (_request, ctx) => ctx.session.require().info(),
} satisfies Pick<
  HandlerMap,
  'connection/open' | 'connection/close' | 'connection/state' | 'server/info'
>
