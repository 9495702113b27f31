/**
 * Charts as a user waits for them: pick a range (or drag a zoom) → the chart
 * drawn, page clock; against the statement the app ran (read from the
 * WebSocket reply), run bare by `psql` with `\timing` on the same server.
 */
import type { Page } from '@playwright/test'
import type { ChartReply } from '../../shared/domain/chart'
import { decodeFrame } from '../../shared/wire'
import { median, psqlClient, type RunStatement } from '../bare-clients'
import type { Target } from '../ingest/peers'
import { timeInPage, type PageTiming } from './page-clock'

export type ChartCase = 'All data' | 'Last 24 hours' | 'Zoom'

export interface ChartFigures {
  case: ChartCase
  /** Click → chart drawn, page clock, each run. */
  uiMs: number[]
  /** Click → the reply reached the page (the rest is the page's work: decode, render, draw). */
  replyMs: number[]
  /** The same statement in psql, each run. */
  psqlMs: number[]
  rows: number
  sql: string
  /** The calls the page made for it (the last run's), in order. */
  calls: string[]
}

/** What the page sent and received: the latest chart reply, and the names of calls sent. */
export interface ChartWire {
  latest(): ChartReply | null
  /** Names of the calls sent so far; slice from a mark to see one step's. */
  sent: string[]
}

/** Watches the page's WebSocket. Call before the page opens it. */
export function chartReplies(page: Page): ChartWire {
  const names = new Map<string, string>()
  const sent: string[] = []
  let latest: ChartReply | null = null
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return
      const m = decodeFrame(payload) as { t?: string; id?: string; name?: string }
      if (m.t !== 'call' || !m.id || !m.name) return
      names.set(m.id, m.name)
      sent.push(m.name)
    })
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') return
      const m = decodeFrame(payload) as {
        t?: string
        id?: string
        result?: { ok: boolean; value?: unknown }
      }
      if (m.t !== 'reply' || !m.id || names.get(m.id) !== 'series/chart') return
      if (m.result?.ok) latest = m.result.value as ChartReply
    })
  })
  return { latest: () => latest, sent }
}

async function dragZoom(page: Page): Promise<void> {
  const box = await page.getByRole('img', { name: 'Time chart' }).locator('.u-over').boundingBox()
  if (!box) throw new Error('The chart has no plot area')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width * 0.4, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 })
  await page.mouse.up()
}

const log = (line: string) => process.stderr.write(`${line}\n`)

/**
 * Opens Charts (the quick start's preset over sensor_data) and, `runs` times:
 * Last 24 hours, All data, a zoom to the middle fifth of all data.
 */
export async function measureCharts(
  page: Page,
  wire: ChartWire,
  target: Target,
  runs: number,
  label: string,
): Promise<ChartFigures[]> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Charts' })
    .click()
  await page.getByRole('img', { name: 'Time chart' }).waitFor({ timeout: 10 * 60_000 })
  await page.locator('.chart-area[aria-busy="false"]').waitFor({ timeout: 10 * 60_000 })
  const range = page.getByLabel('Range', { exact: true })
  if ((await range.inputValue()) === '24h') {
    await range.selectOption('all')
    await page.locator('.chart-area[aria-busy="false"]').waitFor({ timeout: 10 * 60_000 })
  }
  const figures = new Map<ChartCase, ChartFigures>()
  const psql = psqlClient(target)
  let mark = wire.sent.length
  const record = async (name: ChartCase, timing: PageTiming) => {
    const { ms, lastMessageMs } = timing
    const calls = wire.sent.slice(mark)
    const reply = wire.latest()
    if (!reply) throw new Error(`${name}: no series/chart reply seen`)
    const statement: RunStatement = { sql: reply.sql, params: reply.params }
    const bare = await psql.run(statement)
    const entry = figures.get(name) ?? {
      case: name,
      uiMs: [],
      replyMs: [],
      psqlMs: [],
      rows: 0,
      sql: '',
      calls: [],
    }
    entry.calls = calls
    entry.uiMs.push(ms)
    entry.replyMs.push(lastMessageMs)
    entry.psqlMs.push(bare)
    entry.rows = reply.rows
    entry.sql = reply.sql
    figures.set(name, entry)
    mark = wire.sent.length
    log(
      `[${label}] ${name}: UI ${ms.toFixed(1)} ms, psql ${bare.toFixed(1)} ms (${reply.rows} rows)`,
    )
  }
  for (let i = 0; i < runs; i++) {
    const day = await timeInPage(page, 'change', { kind: 'chart' }, () =>
      range.selectOption('24h').then(() => undefined),
    )
    await record('Last 24 hours', day)
    const all = await timeInPage(page, 'change', { kind: 'chart' }, () =>
      range.selectOption('all').then(() => undefined),
    )
    await record('All data', all)
    const zoom = await timeInPage(page, 'mouseup', { kind: 'chart' }, () => dragZoom(page))
    await record('Zoom', zoom)
  }
  return [...figures.values()]
}

export const chartMedians = (f: ChartFigures) => ({
  ui: median(f.uiMs),
  reply: median(f.replyMs),
  psql: median(f.psqlMs),
})
