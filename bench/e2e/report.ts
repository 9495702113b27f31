import { chartMedians, type ChartFigures } from './charts'
import type { LoadFigures } from './load'
import type { StartupFigures } from './startup'

export interface ServerFigures {
  engine: 'postgres' | 'timescaledb'
  version: string
  load: LoadFigures
  charts: ChartFigures[]
}

export interface TargetCheck {
  name: string
  bound: string
  measured: string
  met: boolean
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN

export function checkTargets(servers: ServerFigures[], startup: StartupFigures[]): TargetCheck[] {
  const checks: TargetCheck[] = []
  for (const s of servers) {
    const text = s.load.psqlTextSeconds / s.load.uiSeconds
    const binary = s.load.psqlBinarySeconds / s.load.uiSeconds
    const rows = s.load.rows.toLocaleString('en')
    checks.push({
      name: `${s.engine}: UI load vs psql \\copy binary (${rows} rows)`,
      bound: '≥ 0.95x',
      measured: `${binary.toFixed(2)}x`,
      met: binary >= 0.95,
    })
    checks.push({
      name: `${s.engine}: UI load vs psql \\copy text (${rows} rows)`,
      bound: '≥ 1.15x',
      measured: `${text.toFixed(2)}x`,
      met: text >= 1.15,
    })
    for (const c of s.charts) {
      const m = chartMedians(c)
      checks.push({
        name: `${s.engine}: chart "${c.case}" UI vs psql (${rows} rows)`,
        bound: '≤ 1.2x + 50 ms',
        measured: `${m.ui.toFixed(0)} ms vs ${m.psql.toFixed(0)} ms`,
        met: m.ui <= 1.2 * m.psql + 50,
      })
    }
  }
  for (const folder of ['new', 'existing'] as const) {
    const runs = startup.filter((f) => f.folder === folder)
    if (runs.length === 0) continue
    const usable = median(runs.map((r) => r.usableMs))
    const connected = median(runs.map((r) => r.connectedMs))
    checks.push({
      name: `start-up, ${folder} folder: window usable`,
      bound: '≤ 1000 ms',
      measured: `${usable.toFixed(0)} ms`,
      met: usable <= 1000,
    })
    const bound = folder === 'new' ? 3000 : 2000
    checks.push({
      name: `start-up, ${folder} folder: embedded engine connected`,
      bound: `≤ ${bound} ms`,
      measured: `${connected.toFixed(0)} ms`,
      met: connected <= bound,
    })
  }
  return checks
}

const fmt = (n: number) => Math.round(n).toLocaleString('en')

export function printReport(report: {
  servers: ServerFigures[]
  startup: StartupFigures[]
  targets: TargetCheck[]
  loadavg: { before: number[]; after: number[] }
}): void {
  const out: string[] = ['']
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ')
  out.push(
    `Through the UI (web host + Chromium), page clock. Load average before ${load(report.loadavg.before)}, after ${load(report.loadavg.after)}`,
  )
  for (const s of report.servers) {
    const l = s.load
    out.push(
      '',
      `${s.engine} ${s.version}: load of ${fmt(l.rows)} rows into the quick-start schema`,
    )
    const line = (who: string, seconds: number) =>
      `  ${who.padEnd(36)} ${seconds.toFixed(2).padStart(8)} s ${fmt(l.rows / seconds).padStart(11)} rows/s`
    out.push(line('UI, first load (creates the schema)', l.firstUiSeconds))
    out.push(line('UI: Start → "Loaded N rows"', l.uiSeconds))
    out.push(line('psql \\copy text', l.psqlTextSeconds))
    out.push(line('psql \\copy binary', l.psqlBinarySeconds))
    out.push(`  the app said: ${l.appSays}`)
    const host = l.hostCpuSeconds === null ? 'n/a' : `${l.hostCpuSeconds.toFixed(2)} s`
    const p = l.pageCpu
    out.push(
      `  CPU during the UI load: web host ${host}; page main thread ${p.taskSeconds.toFixed(2)} s (script ${p.scriptSeconds.toFixed(2)}, layout ${p.layoutSeconds.toFixed(3)}, style ${p.styleSeconds.toFixed(3)})`,
    )
    out.push(`  charts (median of ${s.charts[0]?.uiMs.length ?? 0}): UI → drawn vs psql \\timing`)
    for (const c of s.charts) {
      const m = chartMedians(c)
      out.push(
        `  ${c.case.padEnd(16)} UI ${m.ui.toFixed(1).padStart(8)} ms  psql ${m.psql.toFixed(1).padStart(8)} ms  ${(m.ui / m.psql).toFixed(2)}x  (+${(m.ui - m.psql).toFixed(0)} ms; reply in ${m.reply.toFixed(0)} ms; ${fmt(c.rows)} rows in the reply; calls: ${c.calls.join(', ')})`,
      )
    }
  }
  if (report.startup.length > 0) {
    out.push(
      '',
      'Start-up, embedded engine (ms from the web host process start; page-only in brackets)',
    )
    for (const f of report.startup) {
      out.push(
        `  ${`${f.folder} folder`.padEnd(16)} host ${fmt(f.hostReadyMs).padStart(6)}  usable ${fmt(f.usableMs).padStart(6)} (${fmt(f.pageUsableMs)})  connected ${fmt(f.connectedMs).padStart(6)} (${fmt(f.pageConnectedMs)})`,
      )
    }
  }
  out.push('', 'Targets')
  for (const t of report.targets) {
    out.push(
      `  ${t.name.padEnd(64)} ${t.measured.padStart(20)} (${t.bound}) ${t.met ? 'met' : 'MISSED'}`,
    )
  }
  process.stdout.write(`${out.join('\n')}\n`)
}
