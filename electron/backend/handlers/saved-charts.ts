import { AppError } from '../../../shared/errors'
import type { HandlerContext, HandlerMap } from './types'

/** A chart is saved for a profile that exists (the built-in embedded one, or a saved one). */
async function requireProfile(ctx: HandlerContext, profileId: string): Promise<void> {
  const { profiles } = await ctx.profiles.list()
  if (!profiles.some((p) => p.id === profileId)) {
    throw new AppError('not_found', 'That connection profile no longer exists. Pick another one.')
  }
}

export const savedChartHandlers = {
  'charts/list': (request, ctx) => ctx.charts.list(request.profileId),
  'charts/save': async (request, ctx) => {
    await requireProfile(ctx, request.profileId)
    return ctx.charts.save(request)
  },
  'charts/rename': (request, ctx) => ctx.charts.rename(request.id, request.name),
  'charts/delete': async (request, ctx) => {
    await ctx.charts.delete(request.id)
    return { id: request.id }
  },
} satisfies Pick<HandlerMap, 'charts/list' | 'charts/save' | 'charts/rename' | 'charts/delete'>
