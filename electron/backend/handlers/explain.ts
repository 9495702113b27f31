import { queryChart } from '../series/chart'
import { explainStatement } from '../hypertables/explain'
import type { HandlerMap } from './types'

export const explainHandlers = {
  /**
   * The chart's statement as series/chart runs it (the bucket can only be
   * known by building it), then explained with ANALYZE and BUFFERS; the
   * chunks marked are those of the charted table, when it is a hypertable.
   */
  'series/explain': async ({ chart }, ctx) => {
    const db = ctx.db()
    const reply = await queryChart(db, chart, ctx.signal)
    return explainStatement(db, { sql: reply.sql, params: reply.params }, [chart.spec.table])
  },
} satisfies Pick<HandlerMap, 'series/explain'>
