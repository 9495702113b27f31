/**
 * Launch → window usable → embedded engine connected, on a new data folder
 * and then on the same folder again (existing). "Launch" is the web host's
 * process start (what starting the app is); the page's marks are converted to
 * the same wall clock through performance.timeOrigin.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { startWebHostProcess } from '../../e2e/support/web-host'
import { readStartup, startupProbe } from './page-clock'

export interface StartupFigures {
  folder: 'new' | 'existing'
  /** Process start → the host prints its address (ms). */
  hostReadyMs: number
  /** Process start → the main navigation on screen (ms). */
  usableMs: number
  /** Process start → the status bar names the embedded engine (ms). */
  connectedMs: number
  /** The same two from the page's navigation start (what the page alone costs). */
  pageUsableMs: number
  pageConnectedMs: number
}

const EMBEDDED = '^Embedded TimescaleDB'
const log = (line: string) => process.stderr.write(`${line}\n`)

async function once(browser: Browser, dataDir: string, folder: 'new' | 'existing') {
  const launched = Date.now()
  const host = await startWebHostProcess({ dataDir })
  const hostReadyMs = Date.now() - launched
  const context = await browser.newContext({ timezoneId: 'UTC' })
  try {
    const page = await context.newPage()
    await page.addInitScript(startupProbe(EMBEDDED))
    await page.goto(host.url)
    await page
      .getByLabel('Status bar')
      .getByRole('status')
      .filter({ hasText: /^Embedded TimescaleDB/ })
      .waitFor({ timeout: 120_000 })
    // The probe's mark lands on the next frame.
    await page.waitForFunction(
      () =>
        (window as unknown as { __benchStartup: { connected: number | null } }).__benchStartup
          .connected !== null,
    )
    const marks = await readStartup(page)
    if (marks.usable === null || marks.connected === null) throw new Error('startup marks missing')
    const offset = marks.timeOrigin - launched
    const figures: StartupFigures = {
      folder,
      hostReadyMs,
      usableMs: offset + marks.usable,
      connectedMs: offset + marks.connected,
      pageUsableMs: marks.usable,
      pageConnectedMs: marks.connected,
    }
    log(
      `[startup, ${folder} folder] host ${hostReadyMs} ms, usable ${figures.usableMs.toFixed(0)} ms, connected ${figures.connectedMs.toFixed(0)} ms`,
    )
    return figures
  } finally {
    await context.close()
    await host.stop()
  }
}

/** `runs` pairs: a new folder, then the same folder again. */
export async function measureStartup(browser: Browser, runs: number): Promise<StartupFigures[]> {
  const figures: StartupFigures[] = []
  for (let i = 0; i < runs; i++) {
    const root = await mkdtemp(join(tmpdir(), 'bench-e2e-startup-'))
    try {
      const dataDir = join(root, 'embedded')
      figures.push(await once(browser, dataDir, 'new'))
      figures.push(await once(browser, dataDir, 'existing'))
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }
  return figures
}
