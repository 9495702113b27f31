import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import {
  startTestPostgres,
  type TestServer,
} from '../../electron/backend/test-support/postgres-server'
import { expect, screenshot, statusBar, test } from '../fixtures'
import { startWebHostProcess, type WebHostProcess } from '../support/web-host'

/**
 * Issue 3 end to end: a real PostgreSQL (scram, TLS with a throwaway CA)
 * started here, reached through the form, saved as a profile, and reached
 * again from the profile after the web host restarts.
 */
let pg: TestServer

test.beforeAll(async () => {
  pg = await startTestPostgres({ tls: true })
})

test.afterAll(async () => {
  await pg?.destroy()
})

const serverUrl = (password: string, sslmode = 'require') =>
  `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pg.port}/postgres?sslmode=${sslmode}`

async function waitForEmbedded(page: Page) {
  await expect(statusBar(page)).toHaveText(/^Embedded TimescaleDB 2\.23 · PostgreSQL 17\.\d+$/, {
    timeout: 60_000,
  })
}

test.describe('connections', () => {
  test('fills the form from a URL, tests, connects and shows the server panel', async ({ app }) => {
    // The shared web host may have been left elsewhere by another spec: start from the embedded one.
    const sidebar = app.getByRole('navigation', { name: 'Profiles' })
    await sidebar.getByRole('button', { name: 'Embedded TimescaleDB' }).click()
    await waitForEmbedded(app)
    const form = app.getByRole('form', { name: 'Connect to a server' })

    // A malformed URL is explained where it was typed, without repeating it.
    await app.getByLabel('Connection URL').fill(`postgres://postgres:${pg.password}@@127.0.0.1/x`)
    await expect(form.getByText(/special meaning .* out of place/)).toBeVisible()

    // The URL fills the fields, the password included...
    await app.getByLabel('Connection URL').fill(serverUrl(pg.password))
    await expect(app.getByLabel('Host')).toHaveValue('127.0.0.1')
    await expect(app.getByLabel('Port')).toHaveValue(String(pg.port))
    await expect(app.getByLabel('Database')).toHaveValue('postgres')
    await expect(app.getByLabel('User')).toHaveValue('postgres')
    await expect(app.getByLabel('Password', { exact: true })).toHaveValue(pg.password)
    await expect(app.getByLabel('SSL mode')).toHaveValue('require')
    // ...which then leaves the URL; and the fields write the URL back.
    await app.getByLabel('Host').focus()
    await expect(app.getByLabel('Connection URL')).not.toHaveValue(new RegExp(pg.password))
    await app.getByLabel('SSL mode').selectOption('verify-ca')
    await expect(app.getByLabel('Connection URL')).toHaveValue(
      `postgresql://postgres@127.0.0.1:${pg.port}/postgres?sslmode=verify-ca`,
    )

    // verify-ca without the CA: the certificate is not trusted, said inline.
    await app.getByRole('button', { name: 'Test connection' }).click()
    await expect(form.getByRole('alert')).toContainText('certificate was rejected')
    await expect(app.getByRole('alert').filter({ hasText: 'Dismiss' })).toHaveCount(0)

    // With the CA file picked, the chain is verified.
    await app.getByLabel('CA certificate').setInputFiles({
      name: 'test-ca.crt',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(pg.caCertPem),
    })
    await expect(form.getByText('test-ca.crt')).toBeVisible()
    await app.getByRole('button', { name: 'Test connection' }).click()
    await expect(form.getByRole('status')).toHaveText(
      /^Connection works: PostgreSQL 17\.\d+ · TimescaleDB not installed · TLS on \(TLSv1\.[23]\) · certificate verified · host name not checked$/,
    )
    await screenshot(app, 'connections-test')

    // "Remember it" sits with its label: the box is box-sized, and the text starts beside it.
    const remember = app.getByRole('checkbox', { name: 'Remember it in the saved profile' })
    const gap = await remember.evaluate((box) => {
      const text = [...(box.parentElement?.childNodes ?? [])].find(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
      )
      if (!text) return null
      const range = document.createRange()
      range.selectNodeContents(text)
      const words = range.getClientRects()[0]
      const b = box.getBoundingClientRect()
      return words ? { width: b.width, gap: words.left - b.right, rise: words.top - b.top } : null
    })
    expect(gap).not.toBeNull()
    expect(gap!.width).toBeLessThan(30)
    expect(gap!.gap).toBeGreaterThanOrEqual(0)
    expect(gap!.gap).toBeLessThan(16)
    expect(Math.abs(gap!.rise)).toBeLessThan(16)

    // A wrong password is its own message, inline, and scrolled into view in a short window.
    await app.setViewportSize({ width: 1280, height: 600 })
    await app.getByLabel('Password', { exact: true }).fill('not-the-password')
    // Connect at the bottom edge of the window, as after scrolling down the form to reach it.
    const connect = app.getByRole('button', { name: 'Connect', exact: true })
    await connect.evaluate((button) => button.scrollIntoView({ block: 'end' }))
    await connect.click()
    await expect(form.getByRole('alert')).toContainText(
      'Password authentication failed for user "postgres"',
    )
    await expect(form.getByRole('alert')).toBeInViewport({ ratio: 1 })
    await expect(app.getByLabel('Password', { exact: true })).toBeFocused()
    await app.setViewportSize({ width: 1280, height: 800 })

    await app.getByLabel('Password', { exact: true }).fill(pg.password)
    await app.getByRole('button', { name: 'Connect', exact: true }).click()
    const server = app.getByRole('region', { name: 'Server' })
    await expect(server.getByText(/^17\.\d+$/)).toBeVisible()
    await expect(server.getByText('not installed', { exact: true })).toBeVisible()
    await expect(server).toContainText('on (TLSv1.')
    await expect(statusBar(app)).toHaveText(
      new RegExp(
        `^postgres@127\\.0\\.0\\.1:${pg.port}/postgres · TimescaleDB not installed · PostgreSQL 17\\.\\d+$`,
      ),
    )
    // The test server has no TimescaleDB at all, so there is nothing to enable.
    await expect(app.getByRole('button', { name: 'Enable TimescaleDB' })).toHaveCount(0)
    await expect(app.locator('body')).not.toContainText(pg.password)
    await screenshot(app, 'connections-connected')

    // Leave the shared host on the embedded engine for the specs that follow.
    await sidebar.getByRole('button', { name: 'Embedded TimescaleDB' }).click()
    await waitForEmbedded(app)
  })

  test('saves a profile; after the web host restarts, reconnects from it, asking for the password', async ({
    page,
    appHost,
  }) => {
    test.skip(appHost !== 'web', 'Restarting the host with memory-only passwords is the web host.')
    let host: WebHostProcess | null = await startWebHostProcess()
    try {
      await page.goto(host.url)
      await waitForEmbedded(page)
      await page.getByLabel('Connection URL').fill(serverUrl(pg.password))
      await page.getByRole('button', { name: 'Connect', exact: true }).click()
      await expect(statusBar(page)).toContainText(`127.0.0.1:${pg.port}`)

      await page.getByLabel('Profile name').fill('Test server')
      await page.getByRole('button', { name: 'Save profile' }).click()
      await expect(page.getByRole('form', { name: 'Connect to a server' })).toContainText(
        'Profile "Test server" saved. Password kept in memory until the web host stops.',
      )
      const sidebar = page.getByRole('navigation', { name: 'Profiles' })
      await expect(sidebar.getByRole('button')).toHaveText(['Embedded TimescaleDB', 'Test server'])
      const file = await readFile(join(host.configDir, 'profiles.json'), 'utf8')
      expect(file).toContain('Test server')
      expect(file).not.toContain(pg.password)

      // Restart: same data and config folders, passwords gone with the old process.
      const { dataDir, configDir } = host
      expect(await host.stop()).toBe(0)
      host = await startWebHostProcess({ dataDir, configDir })
      await page.goto(host.url)
      await waitForEmbedded(page)
      await sidebar.getByRole('button', { name: 'Test server' }).click()
      const form = page.getByRole('form', { name: 'Connect to a server' })
      await expect(form.getByRole('status')).toHaveText(
        'Enter the password for "Test server" to connect: it is not saved.',
      )
      await expect(page.getByLabel('Password', { exact: true })).toBeFocused()
      await expect(page.getByLabel('Host')).toHaveValue('127.0.0.1')
      await screenshot(page, 'connections-profile-password')

      await page.getByLabel('Password', { exact: true }).fill(pg.password)
      await page.getByRole('button', { name: 'Connect', exact: true }).click()
      await expect(statusBar(page)).toHaveText(
        /^Test server · TimescaleDB not installed · PostgreSQL 17\.\d+$/,
      )
      await expect(sidebar.getByRole('button', { name: 'Test server' })).toHaveAttribute(
        'aria-current',
        'true',
      )

      // Rename and delete from the Connections page; the embedded profile has no Delete.
      const profile = page.getByRole('article', { name: 'Test server' })
      await profile.getByRole('button', { name: 'Rename' }).click()
      await profile.getByLabel('New name').fill('Staging')
      await profile.getByRole('button', { name: 'Save name' }).click()
      await expect(sidebar.getByRole('button')).toHaveText(['Embedded TimescaleDB', 'Staging'])
      const staging = page.getByRole('article', { name: 'Staging' })
      await staging.getByRole('button', { name: 'Delete', exact: true }).click()
      await staging.getByRole('button', { name: 'Delete profile' }).click()
      await expect(sidebar.getByRole('button')).toHaveText(['Embedded TimescaleDB'])
      await expect(
        page.getByRole('article', { name: 'Embedded TimescaleDB' }).getByRole('button', {
          name: 'Delete',
        }),
      ).toHaveCount(0)
      expect(host.output.join('\n')).not.toContain(pg.password)
    } finally {
      await host?.stop()
    }
  })

  test('resets the embedded TimescaleDB after asking', async ({ page, appHost }) => {
    test.skip(appHost !== 'web', 'Runs on a web host of its own, to leave shared data alone.')
    const host = await startWebHostProcess()
    try {
      await page.goto(host.url)
      await waitForEmbedded(page)
      const embedded = page.getByRole('article', { name: 'Embedded TimescaleDB' })
      await expect(embedded).toContainText(host.dataDir)
      await embedded.getByRole('button', { name: 'Reset data…' }).click()
      await expect(embedded).toContainText('This cannot be undone.')
      await embedded.getByRole('button', { name: 'Delete all data' }).click()
      await expect(page.getByRole('status').filter({ hasText: 'It is empty now.' })).toBeVisible({
        timeout: 60_000,
      })
      await waitForEmbedded(page)
      expect(host.output.join('\n')).toContain('resetting the embedded TimescaleDB')
    } finally {
      await host.stop()
    }
  })
})
