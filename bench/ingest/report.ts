import type { OurRun } from './ours'

export type TargetName = 'schema' | 'bare' | 'hypertable'
export type PeerId =
  'ours' | 'psql-text' | 'psql-binary' | 'psycopg2-copy' | 'psycopg-copy' | 'psycopg2-insert'

export interface PeerResult {
  target: TargetName
  id: PeerId
  peer: string
  rows: number
  /** Seconds of each run; the best one counts. */
  runs: number[]
  /** Measured on fewer rows; its rate stands for the full N. */
  scaled?: boolean
  skipped?: string
}

export interface TargetCheck {
  name: string
  bound: string
  measured: number | null
  met: boolean | null
}

const TARGET_LABEL: Record<TargetName, string> = {
  schema: '(a) quick-start schema (FK to sensors)',
  bare: '(b) bare table, same columns',
  hypertable: '(c) quick-start hypertable on native TimescaleDB (same rows, FK to sensors)',
}

const MB = 1024 * 1024

export function rate(result: PeerResult | undefined): number | null {
  if (!result || result.runs.length === 0) return null
  return result.rows / Math.min(...result.runs)
}

function find(results: PeerResult[], target: TargetName, id: PeerId) {
  return results.find((r) => r.target === target && r.id === id)
}

function ratio(results: PeerResult[], target: TargetName, peer: PeerId): number | null {
  const ours = rate(find(results, target, 'ours'))
  const other = rate(find(results, target, peer))
  return ours !== null && other !== null ? ours / other : null
}

export function checkTargets(
  results: PeerResult[],
  ours: (OurRun & { target: TargetName })[],
  rows: number,
): TargetCheck[] {
  const atLeast = (name: string, value: number | null, bound: number): TargetCheck => ({
    name,
    bound: `≥ ${bound}x`,
    measured: value,
    met: value === null ? null : value >= bound,
  })
  const rss = ours.length > 0 ? Math.max(...ours.map((o) => o.rssGrowthBytes)) / MB : null
  const p99 = ours.length > 0 ? Math.max(...ours.map((o) => o.eventLoopP99Ms)) : null
  return [
    atLeast('(a) ours vs psql \\copy text', ratio(results, 'schema', 'psql-text'), 1.15),
    atLeast('(a) ours vs psql \\copy binary', ratio(results, 'schema', 'psql-binary'), 0.95),
    atLeast('(b) ours vs psql \\copy binary', ratio(results, 'bare', 'psql-binary'), 0.8),
    atLeast('(c) ours vs psql \\copy text', ratio(results, 'hypertable', 'psql-text'), 1.15),
    atLeast('(c) ours vs psql \\copy binary', ratio(results, 'hypertable', 'psql-binary'), 0.95),
    {
      name: `peak RSS growth during our load (MB, ${rows.toLocaleString('en')} rows; target set at 10M)`,
      bound: '≤ 150 MB',
      measured: rss,
      met: rss === null ? null : rss <= 150,
    },
    {
      name: 'event-loop delay p99 during our load (ms)',
      bound: '≤ 50 ms',
      measured: p99,
      met: p99 === null ? null : p99 <= 50,
    },
  ]
}

const pad = (text: string, width: number) => text.padEnd(width)
const padL = (text: string, width: number) => text.padStart(width)
const fmt = (n: number) => Math.round(n).toLocaleString('en')

export function printReport(report: {
  rows: number
  postgres: string
  timescaledb: string | null
  results: PeerResult[]
  ours: (OurRun & { target: TargetName })[]
  targets: TargetCheck[]
}): void {
  const out: string[] = []
  out.push('')
  out.push(
    `Ingest: ${fmt(report.rows)} rows, PostgreSQL ${report.postgres}${report.timescaledb ? `; native TimescaleDB ${report.timescaledb}` : ''}; one run (best of the repeats)`,
  )
  const measured = new Set(report.results.map((r) => r.target))
  for (const target of (['schema', 'bare', 'hypertable'] as const).filter((t) => measured.has(t))) {
    out.push('')
    out.push(TARGET_LABEL[target])
    out.push(
      `  ${pad('peer', 58)} ${padL('rows', 11)} ${padL('seconds', 8)} ${padL('rows/s', 11)} ${padL('ours ÷ peer', 12)}`,
    )
    const oursRate = rate(find(report.results, target, 'ours'))
    for (const r of report.results.filter((x) => x.target === target)) {
      if (r.skipped) {
        out.push(`  ${pad(r.peer, 58)} skipped: ${r.skipped}`)
        continue
      }
      const perSecond = rate(r)!
      const vs = r.id === 'ours' || oursRate === null ? '' : `${(oursRate / perSecond).toFixed(2)}x`
      out.push(
        `  ${pad(r.peer, 58)} ${padL(fmt(r.rows), 11)} ${padL(Math.min(...r.runs).toFixed(2), 8)} ${padL(fmt(perSecond), 11)} ${padL(vs, 12)}`,
      )
    }
    for (const o of report.ours.filter((x) => x.target === target)) {
      out.push(
        `  ours: peak RSS growth ${(o.rssGrowthBytes / MB).toFixed(1)} MB (peak ${(o.peakRssBytes / MB).toFixed(0)} MB), heap growth ${(o.heapGrowthBytes / MB).toFixed(1)} MB, event-loop delay p99 ${o.eventLoopP99Ms.toFixed(1)} ms (max ${o.eventLoopMaxMs.toFixed(1)} ms; idle machine p99 ${o.idleEventLoopP99Ms.toFixed(1)} ms)`,
      )
    }
  }
  out.push('')
  out.push('Targets')
  for (const t of report.targets) {
    const value = t.measured === null ? 'n/a' : t.measured.toFixed(2)
    const verdict = t.met === null ? 'NOT MEASURED' : t.met ? 'met' : 'MISSED'
    out.push(`  ${pad(t.name, 72)} ${padL(value, 8)} (${t.bound}) ${verdict}`)
  }
  process.stdout.write(`${out.join('\n')}\n`)
}
