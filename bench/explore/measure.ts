/** The explore benchmark's measurements on one engine, printed as they come. */
import { performance } from 'node:perf_hooks'
import { ChartRequestSchema, type ChartRequestInput } from '../../shared/domain/chart'
import { describeTable } from '../../electron/backend/catalog/describe'
import { lookupEntry, resolveSplittable } from '../../electron/backend/catalog/entry'
import { readCatalog } from '../../electron/backend/catalog/list'
import { readSplitValues } from '../../electron/backend/catalog/values'
import type { Driver } from '../../electron/backend/db/driver'
import { queryChart } from '../../electron/backend/series/chart'
import { explainMs, fmt, median, type BareClient } from '../bare-clients'
import { END, readingsStart } from './seed'

export interface Engine {
  name: string
  driver: Driver
  client: BareClient
  timescale: boolean
  rows: number
  tables: number
}

export interface Timing {
  engine: string
  what: string
  ms: number
  target: string
  ok: boolean
  /** For charts: the bare statement and the server's own time. */
  bareMs?: number
  ratio?: number
  serverMs?: number
  detail?: string
}

async function repeat(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work() // warm-up: caches, plans
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  return median(times)
}

function print(t: Timing): Timing {
  const verdict = t.ok ? 'ok' : 'OVER TARGET'
  const bare =
    t.bareMs !== undefined
      ? ` | bare ${fmt(t.bareMs)} -> ${(t.ratio ?? 0).toFixed(2)}x | EXPLAIN ANALYZE ${fmt(t.serverMs ?? 0)}`
      : ''
  console.log(`  ${t.what}\n    ours ${fmt(t.ms)}${bare} (target ${t.target}: ${verdict})`)
  if (t.detail) console.log(`    ${t.detail}`)
  return t
}

export async function measureCatalog(e: Engine, runs: number): Promise<Timing[]> {
  const list = await readCatalog(e.driver, '')
  const relations = list.schemas.reduce((n, s) => n + s.relations.length, 0)
  const listMs = await repeat(runs, () => readCatalog(e.driver, ''))
  const describeMs = await repeat(runs, () =>
    describeTable(e.driver, { schema: 'public', name: 'readings' }),
  )
  return [
    print({
      engine: e.name,
      what: `catalog/list, ${relations.toLocaleString('en')} relations`,
      ms: listMs,
      target: '≤ 1000 ms',
      ok: listMs <= 1000,
    }),
    print({
      engine: e.name,
      what: 'catalog/describe readings (keys, indexes, first/last time)',
      ms: describeMs,
      target: '≤ 1000 ms',
      ok: describeMs <= 1000,
    }),
  ]
}

function chartCases(rows: number): { name: string; request: ChartRequestInput }[] {
  const table = { schema: 'public', name: 'readings' }
  const base = { from: readingsStart(rows), to: END + 1, pixels: 1000, timeZone: 'UTC' }
  return [
    {
      name: 'all data, avg(value) split by device_id, metric = cpu',
      request: {
        ...base,
        spec: {
          table,
          time: { column: 'time' },
          measures: [{ column: 'value', aggregate: 'avg' }],
          split: { column: 'device_id' },
          filters: [{ column: { column: 'metric' }, values: ['cpu'] }],
        },
      },
    },
    {
      name: 'zoomed to the last 24 h, min/max band, metric = cpu',
      request: {
        ...base,
        from: END - 86_400_000,
        minMax: true,
        spec: {
          table,
          time: { column: 'time' },
          measures: [{ column: 'value' }],
          split: { column: 'device_id' },
          filters: [{ column: { column: 'metric' }, values: ['cpu'] }],
        },
      },
    },
    {
      name: 'all data, max(value) split by metric (values from statistics)',
      request: {
        ...base,
        spec: {
          table,
          time: { column: 'time' },
          measures: [{ column: 'value', aggregate: 'max' }],
          split: { column: 'metric' },
        },
      },
    },
  ]
}

export async function measureCharts(e: Engine, runs: number): Promise<Timing[]> {
  const results: Timing[] = []
  for (const c of chartCases(e.rows)) {
    const request = ChartRequestSchema.parse(c.request)
    const first = await queryChart(e.driver, request)
    await e.client.run(first)
    const ours: number[] = []
    const bare: number[] = []
    const server: number[] = []
    let last = first
    // Alternate, so neither side gets a warmer cache or a quieter machine.
    for (let r = 0; r < runs; r++) {
      const started = performance.now()
      last = await queryChart(e.driver, request)
      ours.push(performance.now() - started)
      bare.push(await e.client.run(last))
      server.push(await explainMs(e.driver, last))
    }
    const ratio = median(ours) / median(bare)
    results.push(
      print({
        engine: e.name,
        what: `series/chart: ${c.name}`,
        ms: median(ours),
        bareMs: median(bare),
        serverMs: median(server),
        ratio,
        target: `≤ 1.15x ${e.client.label}`,
        ok: ratio <= 1.15,
        detail: `bucket ${last.bucketSeconds} s, ${last.series.length} series × ${last.buckets} buckets, ${last.rows.toLocaleString('en')} rows`,
      }),
    )
  }
  return results
}

export async function measureValues(e: Engine, runs: number): Promise<Timing[]> {
  const table = { schema: 'public', name: 'readings' }
  const cases = [
    { name: 'device_id (loose index scan)', column: 'device_id', search: '' },
    { name: 'device_id = 42 (one index probe)', column: 'device_id', search: '42' },
    { name: 'metric (pg_stats, no index)', column: 'metric', search: '' },
  ]
  const results: Timing[] = []
  for (const c of cases) {
    // What catalog/values does: the catalog lookup, then the values.
    const read = async () => {
      const entry = await lookupEntry(e.driver, table)
      const resolved = resolveSplittable(entry, { column: c.column })
      return readSplitValues(e.driver, entry, resolved, { search: c.search, limit: 64 })
    }
    const found = await read()
    const ms = await repeat(runs, read)
    results.push(
      print({
        engine: e.name,
        what: `catalog/values ${c.name}`,
        ms,
        target: '≤ 50 ms',
        ok: ms <= 50,
        detail: `${found.values.length} values from ${found.source}, complete: ${found.complete}`,
      }),
    )
  }
  return results
}
