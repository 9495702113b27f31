import { readColumnTimeRange } from '../catalog/column-time-range'
import { describeTable } from '../catalog/describe'
import { lookupEntry, resolveSplittable } from '../catalog/entry'
import { readCatalog } from '../catalog/list'
import { readSplitValues } from '../catalog/values'
import type { HandlerMap } from './types'

export const catalogHandlers = {
  'catalog/list': (request, ctx) => readCatalog(ctx.db(), request.filter),
  'catalog/describe': (request, ctx) => describeTable(ctx.db(), request.table),
  'catalog/values': async (request, ctx) => {
    const db = ctx.db()
    const entry = await lookupEntry(db, request.table)
    const resolved = resolveSplittable(entry, request.column)
    return readSplitValues(db, entry, resolved, { search: request.search, limit: request.limit })
  },
  'catalog/time-range': async (request, ctx) => {
    const db = ctx.db()
    return readColumnTimeRange(db, await lookupEntry(db, request.table), request.column)
  },
} satisfies Pick<
  HandlerMap,
  'catalog/list' | 'catalog/describe' | 'catalog/values' | 'catalog/time-range'
>
