import { existsSync } from 'node:fs'
import { readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBackend, ENGINE_WORKER_PATH, makeTempDir } from '../../test-support/backend'
import { openEmbeddedDriver } from './embedded-driver'

/*
 * Start-up of the embedded engine (issue 14): a new folder starts as a copy
 * of a ready-made initial folder, and a host can start the engine before any
 * window asks for it.
 */
let dir: string
let template: string

beforeAll(async () => {
  dir = await makeTempDir('embedded-start')
  // A template as scripts/embedded-template.mjs makes it: a folder the engine started once.
  template = join(dir, 'template')
  await (await openEmbeddedDriver({ dataDir: template, workerPath: ENGINE_WORKER_PATH })).close()
  await writeFile(join(template, 'TEMPLATE_OF'), 'test\n')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a new data folder from the ready-made initial folder', () => {
  it('is a working database "postgres" with TimescaleDB, and the template is left as it was', async () => {
    const dataDir = join(dir, 'from-template')
    const before = (await readdir(template)).sort()
    const driver = await openEmbeddedDriver({
      dataDir,
      workerPath: ENGINE_WORKER_PATH,
      templateDir: template,
    })
    try {
      const info = await driver.info()
      expect(info.database).toBe('postgres')
      expect(info.timescaledb.installed).toMatch(/^2\.23/)
      await driver.query('CREATE TABLE t (time timestamptz NOT NULL, v float8)')
      await driver.query("SELECT create_hypertable('t', 'time')")
      await driver.query("INSERT INTO t VALUES ('2026-01-01', 1)")
      expect((await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows).toEqual([
        { n: 1 },
      ])
    } finally {
      await driver.close()
    }
    expect(existsSync(join(dataDir, 'TEMPLATE_OF'))).toBe(false)
    expect((await readdir(template)).sort()).toEqual(before)
    // The template never saw the table.
    const again = await openEmbeddedDriver({ dataDir: template, workerPath: ENGINE_WORKER_PATH })
    try {
      const { rows } = await again.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_class WHERE relname = 't'",
      )
      expect(rows).toEqual([{ n: 0 }])
    } finally {
      await again.close()
    }
  })

  it('never copies over a folder that holds anything', async () => {
    const dataDir = join(dir, 'not-empty')
    const driver = await openEmbeddedDriver({
      dataDir,
      workerPath: ENGINE_WORKER_PATH,
      templateDir: template,
    })
    await driver.query('CREATE TABLE mine (x int)')
    await driver.close()
    const reopened = await openEmbeddedDriver({
      dataDir,
      workerPath: ENGINE_WORKER_PATH,
      templateDir: template,
    })
    try {
      const { rows } = await reopened.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_class WHERE relname = 'mine'",
      )
      expect(rows).toEqual([{ n: 1 }])
    } finally {
      await reopened.close()
    }
  })
})

describe('starting the engine early', () => {
  it('connection/open uses the engine started at launch, and close lets go of the folder', async () => {
    const app = await createTestBackend({ startEmbeddedEarly: true, keepDataDir: true })
    // The engine starts before anyone asks: its folder is made with no call yet.
    await expect
      .poll(() => existsSync(join(app.dataDir, 'PG_VERSION')), { timeout: 120_000 })
      .toBe(true)
    const state = await app.call('connection/open', { target: { kind: 'embedded' } })
    expect(state.status).toBe('connected')
    expect(state.server?.timescaledb.installed).toMatch(/^2\.23/)
    await app.close()
    const after = await openEmbeddedDriver({ dataDir: app.dataDir, workerPath: ENGINE_WORKER_PATH })
    await after.close()
    await rm(join(app.dataDir, '..'), { recursive: true, force: true })
  })

  it('a backend closed before any window asked closes the early engine too', async () => {
    const app = await createTestBackend({ startEmbeddedEarly: true, keepDataDir: true })
    await app.close()
    // Had the early engine been left open, its folder would still be locked.
    const after = await openEmbeddedDriver({ dataDir: app.dataDir, workerPath: ENGINE_WORKER_PATH })
    await after.close()
    await rm(join(app.dataDir, '..'), { recursive: true, force: true })
  })
})
