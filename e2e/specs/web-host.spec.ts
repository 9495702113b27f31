import { readdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { expect, test } from '../fixtures'
import { startWebHostProcess } from '../support/web-host'

test.describe('web host process', () => {
  test.skip(({ appHost }) => appHost !== 'web', 'Only the web host has a command line.')

  test('prints one Open line, and SIGTERM closes the engine cleanly with nothing lost', async ({
    page,
  }) => {
    const first = await startWebHostProcess()
    expect(first.output.filter((l) => l.startsWith('Open http://127.0.0.1:'))).toHaveLength(1)
    await page.goto(first.url)
    await expect(page.getByRole('status').filter({ hasText: 'PostgreSQL' })).toBeVisible({
      timeout: 60_000,
    })
    expect(await first.stop()).toBe(0)
    expect(first.output.join('\n')).toContain('shutting down')
    // The engine let go of its folder: no lock is left behind.
    expect(await readdir(dirname(first.dataDir))).not.toContain('embedded.lock')

    // The same folder opens again in a new process, as the same database.
    const second = await startWebHostProcess({ dataDir: first.dataDir })
    await page.goto(second.url)
    await expect(
      page.getByRole('status').filter({ hasText: 'Embedded TimescaleDB 2.23' }),
    ).toBeVisible({ timeout: 60_000 })
    await expect(page.getByRole('article', { name: 'Embedded TimescaleDB' })).toContainText(
      first.dataDir,
    )
    expect(await second.stop()).toBe(0)
  })
})
