import { explainStatement } from '../hypertables/explain'
import { explainMissingTables, queryBucketed } from '../series/bucketed'
import type { HandlerMap } from './types'

/** The quick-start chart reads sensor_data: where the search path finds it. */
const CHART_TABLE_SQL = `SELECT n.nspname::text AS schema, c.relname::text AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.oid = to_regclass('sensor_data')`

export const explainHandlers = {
  /**
   * The chart's statement as the chart ran it (the bucket can only be known
   * by running it), then explained with ANALYZE and BUFFERS.
   */
  'series/explain': async ({ chart }, ctx) => {
    const db = ctx.db()
    try {
      const reply = await queryBucketed(db, chart, ctx.signal)
      const { rows } = await db.query<{ schema: string; name: string }>(CHART_TABLE_SQL)
      return await explainStatement(db, { sql: reply.sql, params: reply.params }, rows)
    } catch (error) {
      throw explainMissingTables(error)
    }
  },
} satisfies Pick<HandlerMap, 'series/explain'>
