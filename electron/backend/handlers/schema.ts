import { readSchemaStatus, setUpSchema } from '../schema/setup'
import type { HandlerMap } from './types'

export const schemaHandlers = {
  'schema/status': (_request, ctx) => readSchemaStatus(ctx.db()),
  'schema/setup': async (_request, ctx) => {
    const result = await setUpSchema(ctx.db())
    ctx.log.info('schema setup', {
      actions: result.actions.length > 0 ? result.actions.join('; ') : 'nothing to do',
      state: result.status.state,
    })
    return result
  },
} satisfies Pick<HandlerMap, 'schema/status' | 'schema/setup'>
