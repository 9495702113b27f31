import {
  startTestPostgres,
  type TestServer,
} from '../../electron/backend/test-support/postgres-server'
import { expect, screenshot, statusBar, test } from '../fixtures'
import {
  filesUnder,
  pageContents,
  recordReceivedFrames,
  storeStates,
  watchStore,
} from '../support/page-scan'
import { startWebHostProcess, type WebHostProcess } from '../support/web-host'

/**
 * The test server's password is a random canary. A user pastes it in a URL,
 * types it, gets it wrong, saves it in a profile and connects from the
 * profile; then everything the app shows, keeps or writes is scanned for it:
 * every frame the backend sent the page (replies and events), the DOM and the
 * fields, web storage and cookies, every state the renderer's store went
 * through, the page's console, the web host's stdout and stderr, and every
 * file under its config and data folders (profiles.json included).
 */
let pg: TestServer

test.beforeAll(async () => {
  pg = await startTestPostgres({ tls: true })
})

test.afterAll(async () => {
  await pg?.destroy()
})

test('the canary password is nowhere the app shows, keeps or writes', async ({ page, appHost }) => {
  test.skip(appHost !== 'web', 'Scans the web host’s own output and folders.')
  const canary = pg.password
  let host: WebHostProcess | null = await startWebHostProcess()
  const frames = recordReceivedFrames(page)
  const consoleLines: string[] = []
  page.on('console', (message) => consoleLines.push(message.text()))
  const states: string[] = []
  const contents: Record<string, string>[] = []
  /** Takes everything the page holds now (the store's history is lost on reload). */
  const collect = async () => {
    states.push(...(await storeStates(page)))
    contents.push(await pageContents(page))
  }
  try {
    await page.goto(host.url)
    await expect(statusBar(page)).toContainText('Embedded TimescaleDB', { timeout: 60_000 })
    await watchStore(page)
    const form = page.getByRole('form', { name: 'Connect to a server' })

    // Pasted in a URL: the fields fill in, the password moves to its field.
    const url = `postgresql://postgres:${encodeURIComponent(canary)}@127.0.0.1:${pg.port}/postgres?sslmode=require`
    await page.getByLabel('Connection URL').fill(url)
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(canary)
    await page.getByLabel('Host').focus()
    await expect(page.getByLabel('Connection URL')).not.toHaveValue(new RegExp(canary))
    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(form.getByRole('status')).toContainText('Connection works')

    // Wrong, then right, typed into the Password field.
    await page.getByLabel('Password', { exact: true }).fill(`${canary}-wrong`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(form.getByRole('alert')).toContainText('Password authentication failed')
    await page.getByLabel('Password', { exact: true }).fill(canary)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(statusBar(page)).toContainText(`127.0.0.1:${pg.port}`)

    // Saved with the profile (the web host keeps it in memory).
    await page.getByLabel('Profile name').fill('Canary server')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await expect(form).toContainText('Profile "Canary server" saved.')

    // Real work on that server, then away and back through the saved profile.
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('button', { name: 'Sensors' }).click()
    await page.getByRole('button', { name: 'Set up schema' }).click()
    await page.getByRole('button', { name: 'Add the four quick-start sensors' }).click()
    await expect(page.getByRole('table', { name: 'Sensors' }).getByRole('row')).toHaveCount(5)
    await nav.getByRole('button', { name: 'Charts' }).click()
    const sidebar = page.getByRole('navigation', { name: 'Profiles' })
    await sidebar.getByRole('button', { name: 'Embedded TimescaleDB' }).click()
    await expect(statusBar(page)).toContainText('Embedded TimescaleDB')
    await sidebar.getByRole('button', { name: 'Canary server' }).click()
    await expect(statusBar(page)).toHaveText(/^Canary server · /)
    await screenshot(page, 'secrets-connected-from-profile')
    await collect()

    // A reload starts the renderer afresh: its store and storage are scanned again.
    await page.reload()
    await expect(statusBar(page)).toHaveText(/^Canary server · /, { timeout: 60_000 })
    await watchStore(page)
    await nav.getByRole('button', { name: 'Sensors' }).click()
    await expect(page.getByRole('table', { name: 'Sensors' }).getByRole('row')).toHaveCount(5)
    // The SQL page's state too: its tabs, a run and its history on that server.
    await nav.getByRole('button', { name: 'SQL' }).click()
    await page.getByRole('button', { name: 'Run all', exact: true }).waitFor()
    await page.getByRole('textbox', { name: 'SQL editor' }).click()
    await page.keyboard.insertText('SELECT current_user AS who')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(page.getByRole('grid', { name: 'Results' })).toContainText('postgres')
    await collect()
    const { dataDir, configDir } = host
    expect(await host.stop()).toBe(0)
    const output = host.output
    host = null

    // The scans see what they should: the store's whole state (the form's draft, the
    // profiles), the backend's replies and the page, each naming the saved profile.
    expect(states.length).toBeGreaterThan(10)
    expect(states.join('\n')).toContain(`"port":"${pg.port}"`)
    expect(states.join('\n')).toContain('"name":"Canary server"')
    expect(Buffer.concat(frames).toString('utf8')).toContain('Canary server')
    expect(JSON.stringify(contents)).toContain('Canary server')
    for (const [what, text] of [
      ['store states', states.join('\n')],
      ['page contents', JSON.stringify(contents)],
      ['frames from the backend', Buffer.concat(frames).toString('utf8')],
      ['console', consoleLines.join('\n')],
      ['web host output', output.join('\n')],
    ] as const) {
      expect(text, what).not.toContain(canary)
      expect(text, what).not.toContain(encodeURIComponent(canary))
    }
    const files = [...(await filesUnder(configDir)), ...(await filesUnder(dataDir))]
    expect(files.map((f) => f.path)).toContain(`${configDir}/profiles.json`)
    for (const file of files) {
      expect(file.bytes.includes(Buffer.from(canary)), file.path).toBe(false)
    }
  } finally {
    await host?.stop()
  }
})
