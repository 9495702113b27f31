/**
 * One-click sample data through the UI against `psql \copy` of the very same
 * rows (same spec, same seed: the app's generator wrote the files) into the
 * same table on the same server, in the same run.
 */
import type { Page } from '@playwright/test'
import type { BenchSpec } from '../ingest/data-files'
import { count, reset } from '../ingest/databases'
import { psqlCopy, type Target } from '../ingest/peers'
import { cpuSeconds, difference, pageCpu, type PageCpu } from './cpu'
import { timeInPage } from './page-clock'

export interface LoadFigures {
  rows: number
  /** The first load, which also created the schema and the sensors (not compared). */
  firstUiSeconds: number
  /** "Loaded N rows": from the click on Start, page clock, into the empty table. */
  uiSeconds: number
  /** What the dialog says: "Loaded N rows in X s (R rows/s)". */
  appSays: string
  psqlTextSeconds: number
  psqlBinarySeconds: number
  /** CPU seconds the web host used during the (second) UI load: generator, COPY, events. */
  hostCpuSeconds: number | null
  /** The page's main thread during that load. */
  pageCpu: PageCpu
}

const SEED = 42
const HOUR_MS = 3_600_000

/** N rows of the quick start's four sensors every second, ending an hour before now. */
export function uiSpec(requestedRows: number, now = Date.now()): BenchSpec {
  const steps = Math.max(1, Math.ceil(requestedRows / 4))
  const to = Math.floor((now - HOUR_MS) / 60_000) * 60_000
  return { from: to - (steps - 1) * 1000, to, intervalMs: 1000, seed: SEED, rows: steps * 4 }
}

/** datetime-local's value in UTC (the bench's browser runs in UTC). */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 19)

async function openSensors(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Sensors' })
    .click()
}

/** Fills the dialog with the spec and times Start → "Loaded N rows". */
async function uiLoad(
  page: Page,
  spec: BenchSpec,
  hostPid: number | null,
): Promise<{ seconds: number; says: string; hostCpuSeconds: number | null; pageCpu: PageCpu }> {
  await openSensors(page)
  await page.getByRole('button', { name: 'Generate sample data' }).click()
  const dialog = page.getByRole('dialog', { name: 'Generate sample data' })
  await dialog.getByLabel('From', { exact: true }).fill(local(spec.from))
  await dialog.getByLabel('To', { exact: true }).fill(local(spec.to))
  await dialog.getByLabel('Interval', { exact: true }).fill('1 s')
  await dialog.getByLabel('Seed (optional)').fill(String(spec.seed))
  const planned = `= ${spec.rows.toLocaleString('en')} rows.`
  await dialog.getByText(planned, { exact: false }).waitFor()
  const start = dialog.getByRole('button', { name: 'Start' })
  const readPage = await pageCpu(page)
  const before = { host: cpuSeconds(hostPid), page: await readPage() }
  const { ms } = await timeInPage(page, 'click', { kind: 'loaded' }, () => start.click())
  const hostAfter = cpuSeconds(hostPid)
  const hostCpuSeconds = hostAfter !== null && before.host !== null ? hostAfter - before.host : null
  const pageUsed = difference(await readPage(), before.page)
  const says = (await dialog.getByRole('status').first().textContent()) ?? ''
  await dialog.getByRole('button', { name: 'Done' }).click()
  return { seconds: ms / 1000, says, hostCpuSeconds, pageCpu: pageUsed }
}

const log = (line: string) => process.stderr.write(`${line}\n`)

/**
 * The UI's first load (it creates the schema as the app's "Set up schema"
 * does, and the sensors), then psql text, psql binary, and the UI again, each
 * from an empty, checkpointed table. The UI goes last so its rows stay for
 * the charts.
 */
export async function measureLoads(
  page: Page,
  target: Target,
  spec: BenchSpec,
  files: { text: string; binary: string },
  label: string,
  hostPid: number | null,
): Promise<LoadFigures> {
  const expectRows = async (who: string) => {
    const n = await count(target)
    if (n !== spec.rows) throw new Error(`${who} left ${n} rows, expected ${spec.rows}`)
  }
  log(`[${label}] UI: the first load, creating the schema …`)
  const first = await uiLoad(page, spec, hostPid)
  await expectRows('the first UI load')
  await reset(target)
  log(`[${label}] psql \\copy text …`)
  const psqlTextSeconds = await psqlCopy(target, files.text, 'text')
  await expectRows('psql text')
  await reset(target)
  log(`[${label}] psql \\copy binary …`)
  const psqlBinarySeconds = await psqlCopy(target, files.binary, 'binary')
  await expectRows('psql binary')
  await reset(target)
  log(`[${label}] UI: Generate sample data → Start …`)
  const ui = await uiLoad(page, spec, hostPid)
  await expectRows('the UI')
  log(
    `[${label}] UI ${ui.seconds.toFixed(2)} s, psql text ${psqlTextSeconds.toFixed(2)} s, binary ${psqlBinarySeconds.toFixed(2)} s`,
  )
  return {
    rows: spec.rows,
    firstUiSeconds: first.seconds,
    uiSeconds: ui.seconds,
    appSays: ui.says,
    psqlTextSeconds,
    psqlBinarySeconds,
    hostCpuSeconds: ui.hostCpuSeconds,
    pageCpu: ui.pageCpu,
  }
}
