/**
 * Web hosts over embedded data folders a spec fills first: the spec knows
 * exactly what the database holds, so it can compare what the app shows and
 * exports with the database's own answer.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Driver } from '../../electron/backend/db/driver'
import { openEmbeddedDriver } from '../../electron/backend/db/embedded/embedded-driver'
import { ENGINE_WORKER_PATH } from '../../electron/backend/test-support/backend'
import { test } from '../fixtures'
import { startWebHostProcess, type WebHostProcess } from './web-host'

export interface HostedData {
  host: WebHostProcess
  dataDir: string
  /** Stops the host and deletes its folder. */
  close(): Promise<void>
}

/** Runs `work` on the embedded engine over `dataDir`, then closes it (one owner at a time). */
export async function withEmbedded<T>(dataDir: string, work: (db: Driver) => Promise<T>) {
  const driver = await openEmbeddedDriver({ dataDir, workerPath: ENGINE_WORKER_PATH })
  try {
    return await work(driver)
  } finally {
    await driver.close()
  }
}

/** A web host of its own over a folder `fill` has written. */
export async function hostWithData(
  prefix: string,
  fill: (db: Driver) => Promise<void>,
): Promise<HostedData> {
  const root = await mkdtemp(join(tmpdir(), `e2e-${prefix}-`))
  const dataDir = join(root, 'embedded')
  await withEmbedded(dataDir, fill)
  const host = await startWebHostProcess({ dataDir })
  return {
    host,
    dataDir,
    close: async () => {
      await host.stop()
      await rm(root, { recursive: true, force: true })
    },
  }
}

/**
 * One web host for the tests of a describe block, started by `start` before
 * them (web only: its data folder is filled before the host starts) and
 * closed after them. Call the result inside a test to get the host; on
 * another host it skips the test, saying `reason`.
 */
export function useSharedHost(start: () => Promise<HostedData>, reason: string): () => HostedData {
  let hosted: HostedData | null = null
  test.beforeAll(async ({ appHost }) => {
    if (appHost === 'web') hosted = await start()
  })
  test.afterAll(async () => {
    await hosted?.close()
  })
  return () => {
    test.skip(hosted === null, reason)
    return hosted as HostedData
  }
}

/** A CSV download as rows of cells (the app writes CRLF lines and no quoted commas here). */
export function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','))
}
