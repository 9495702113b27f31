/**
 * `npm run bench -- chart`: the Charts view's costs, side by side with their
 * references, in one run.
 *
 * 1. series/bucketed (zod parse, the handler's statements, decoding to
 *    columns) against the same statement run bare by a client (psql \timing
 *    on a server, the driver alone on the embedded engine) and the execution
 *    time the server itself reports (EXPLAIN (ANALYZE, TIMING OFF)), on a real
 *    PostgreSQL (10M rows, date_bin), native TimescaleDB (10M rows in a
 *    hypertable, uncompressed and compressed) and the embedded TimescaleDB
 *    (1M rows).
 * 2. Rendering 4 series × 2,000 points with the view's own chart code in
 *    Chromium.
 */
import { embeddedBench, postgresBench, timescaledbBench } from './chart/engines'
import { parseChartArgs } from './chart/options'
import type { QueryResult } from './chart/queries'
import { renderBench } from './chart/render'
import { writeResults } from './results'

export async function chartBench(args: string[]): Promise<void> {
  const o = parseChartArgs(args)
  const started = new Date()
  const queries: QueryResult[] = []
  if (!o.skip.has('postgres')) queries.push(...(await postgresBench(o)))
  if (!o.skip.has('timescaledb')) queries.push(...(await timescaledbBench(o)))
  if (!o.skip.has('embedded')) queries.push(...(await embeddedBench(o)))
  const render = o.skip.has('render') ? null : await renderBench(o)
  await writeResults('chart', started, {
    suite: 'chart',
    startedAt: started.toISOString(),
    options: { ...o, skip: [...o.skip] },
    targets: { clientRatio: 1.15, renderMs: 16 },
    queries,
    render,
  })
}
