import { describeTable } from '../catalog/describe'
import { lookupEntry, resolveSplittable } from '../catalog/entry'
import { readCatalog } from '../catalog/list'
import { readSplitValues } from '../catalog/values'
import type { HandlerMap } from './types'

export const catalogHandlers = {
  'catalog/list': (request, ctx) =>
    readCatalog(ctx.session.require(), request.filter, { signal: ctx.signal }),
  'catalog/describe': (request, ctx) =>
    describeTable(ctx.session.require(), request.table, { signal: ctx.signal }),
  'catalog/values': async (request, ctx) => {
    const db = ctx.session.require()
    const entry = await lookupEntry(db, request.table, { signal: ctx.signal })
    const resolved = resolveSplittable(entry, request.column)
    return readSplitValues(db, entry, resolved, {
      search: request.search,
      limit: request.limit,
      signal: ctx.signal,
    })
  },
} satisfies Pick<HandlerMap, 'catalog/list' | 'catalog/describe' | 'catalog/values'>
