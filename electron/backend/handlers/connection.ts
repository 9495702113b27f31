import { wipeEmbeddedDataDir } from '../db/embedded/wipe'
import { ENABLE_TIMESCALEDB_SQL, explainEnableError, needsFreshSession } from '../db/timescaledb'
import { resolveTarget } from '../targets'
import type { HandlerMap } from './types'

export const connectionHandlers = {
  'connection/open': async (request, ctx) =>
    ctx.session.open(await resolveTarget(request.target, ctx)),
  'connection/close': (_request, ctx) => ctx.session.close(),
  'connection/state': async (_request, ctx) => ctx.session.current,
  'server/info': (_request, ctx) => ctx.db().info(),

  'connection/test': async (request, ctx) =>
    ctx.session.probe(await resolveTarget(request.target, ctx)),

  'embedded/reset': async (_request, ctx) => {
    ctx.log.info('resetting the embedded TimescaleDB', { dataDir: ctx.app.embeddedDataDir })
    return ctx.session.resetEmbedded(() => wipeEmbeddedDataDir(ctx.app.embeddedDataDir))
  },

  'server/enable-timescaledb': async (_request, ctx) => {
    const current = ctx.session.current.server
    const who = { user: current?.user ?? '', database: current?.database ?? '' }
    try {
      await ctx.db().query(ENABLE_TIMESCALEDB_SQL)
    } catch (error) {
      if (!needsFreshSession(error)) throw explainEnableError(error, who)
      // Dropped earlier in this session: only a new session may create it again.
      await ctx.session.reconnect()
      try {
        await ctx.db().query(ENABLE_TIMESCALEDB_SQL)
      } catch (retryError) {
        throw explainEnableError(retryError, who)
      }
    }
    const server = await ctx.session.refreshInfo()
    ctx.log.info('timescaledb enabled', { version: server.timescaledb.installed })
    return server
  },
} satisfies Pick<
  HandlerMap,
  | 'connection/open'
  | 'connection/close'
  | 'connection/state'
  | 'server/info'
  | 'connection/test'
  | 'embedded/reset'
  | 'server/enable-timescaledb'
>
