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
import { timeInPage } from './page-clock'

export type ChartCase = 'All data' | 'Last 24 hours' | 'Zoom'

export interface ChartFigures {
  case: ChartCase
  /** Click → chart drawn, page clock, each run. */
  uiMs: number[]
  /** The same statement in psql, each run. */
  psqlMs: number[]
  rows: number
  sql: string
}

/** The latest series/chart reply the page received. Call before the page opens its WebSocket. */
export function chartReplies(page: Page): () => ChartReply | null {
  const names = new Map<string, string>()
  let latest: ChartReply | null = null
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return
      const m = decodeFrame(payload) as { t?: string; id?: string; name?: string }
      if (m.t === 'call' && m.id && m.name) names.set(m.id, m.name)
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
  return () => latest
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
  latestReply: () => ChartReply | null,
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
  const record = async (name: ChartCase, ms: number) => {
    const reply = latestReply()
    if (!reply) throw new Error(`${name}: no series/chart reply seen`)
    const statement: RunStatement = { sql: reply.sql, params: reply.params }
    const bare = await psql.run(statement)
    const entry = figures.get(name) ?? { case: name, uiMs: [], psqlMs: [], rows: 0, sql: '' }
    entry.uiMs.push(ms)
    entry.psqlMs.push(bare)
    entry.rows = reply.rows
    entry.sql = reply.sql
    figures.set(name, entry)
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

export const chartMedians = (f: ChartFigures) => ({ ui: median(f.uiMs), psql: median(f.psqlMs) })
