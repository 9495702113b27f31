import type { HandlerMap } from './types'

export const profileHandlers = {
  'profiles/list': (_request, ctx) => ctx.profiles.list(),
  'profiles/save': (request, ctx) => {
    ctx.redactor.add(request.params.password)
    return ctx.profiles.save(request)
  },
  'profiles/rename': (request, ctx) => ctx.profiles.rename(request.id, request.name),
  'profiles/delete': async (request, ctx) => {
    await ctx.profiles.delete(request.id)
    // Its saved charts go with it.
    await ctx.charts.deleteProfile(request.id)
    return { id: request.id }
  },
} satisfies Pick<
  HandlerMap,
  'profiles/list' | 'profiles/save' | 'profiles/rename' | 'profiles/delete'
>
