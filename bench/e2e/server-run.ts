/**
 * One server: a fresh web host, Chromium connected to the bench database
 * through the Connections form, then the loads and the charts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startWebHostProcess } from '../../e2e/support/web-host'
import type { BenchSpec } from '../ingest/data-files'
import type { Target } from '../ingest/peers'
import { chartReplies, measureCharts, type ChartFigures } from './charts'
import { hostPid } from './cpu'
import { measureLoads, type LoadFigures } from './load'
import { MESSAGE_PROBE } from './page-clock'

async function statusText(page: Page, pattern: RegExp): Promise<void> {
  await page
    .getByLabel('Status bar')
    .getByRole('status')
    .filter({ hasText: pattern })
    .waitFor({ timeout: 120_000 })
}

/** Through the form, as a user would: the URL with the password, sslmode=disable. */
async function connect(page: Page, target: Target): Promise<void> {
  // The app opens its embedded engine first; let it settle so it does not compete.
  await statusText(page, /^Embedded TimescaleDB/)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Connections' })
    .click()
  const url = `postgresql://${target.user}:${encodeURIComponent(target.password)}@${target.host}:${target.port}/${target.database}?sslmode=disable`
  await page.getByLabel('Connection URL').fill(url)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await statusText(page, /^(?!Embedded|Connecting|Not connected).*· PostgreSQL \d/)
  const text = await page.getByLabel('Status bar').getByRole('status').textContent()
  if (text?.startsWith('Embedded')) throw new Error(`still on the embedded engine: ${text}`)
}

export async function measureServer(
  browser: Browser,
  target: Target,
  spec: BenchSpec,
  files: { text: string; binary: string },
  runs: number,
  label: string,
): Promise<{ load: LoadFigures; charts: ChartFigures[] }> {
  const root = await mkdtemp(join(tmpdir(), 'bench-e2e-host-'))
  const dataDir = join(root, 'embedded')
  const host = await startWebHostProcess({ dataDir })
  const context = await browser.newContext({
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 800 },
  })
  try {
    const page = await context.newPage()
    const latest = chartReplies(page)
    await page.addInitScript(MESSAGE_PROBE)
    await page.goto(host.url)
    await connect(page, target)
    const load = await measureLoads(page, target, spec, files, label, hostPid(dataDir))
    const charts = await measureCharts(page, latest, target, runs, label)
    return { load, charts }
  } finally {
    await context.close()
    await host.stop()
    await rm(root, { recursive: true, force: true })
  }
}
