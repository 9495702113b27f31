import type { Page } from '@playwright/test'
import pg from 'pg'
import {
  startTestPostgres,
  type TestServer,
} from '../../electron/backend/test-support/postgres-server'
import { quickStartSchema } from '../../electron/backend/test-support/quick-start'
import { expect, openView, screenshot, statusBar, test } from '../fixtures'
import { expectNothingInjected } from '../support/page-scan'
import { startWebHostProcess, type WebHostProcess } from '../support/web-host'

/**
 * A server that answers with markup: a database and a role named in HTML,
 * sensors whose type and location are script, a trigger whose error message,
 * detail and hint are markup, notices that are markup, a table whose column
 * name is markup, and an event trigger that refuses DDL with markup. The app
 * must show all of it as text: no dialog opens, no element of theirs appears,
 * and the flag every payload would set stays unset.
 */
const DATABASE = '<img src=x onerror=window.__pwned=1>'
const ROLE = '<script>window.__pwned=2</script>'
const SENSOR_TYPE = '<img src=x onerror=window.__pwned=3>'
const SENSOR_LOCATION = '<script>window.__pwned=4</script>'
const ERROR_MESSAGE = '<img src=x onerror="window.__pwned=5;alert(5)">'
const ERROR_DETAIL = '<script>window.__pwned=6;alert(6)</script>'
const ERROR_HINT = '<iframe src="javascript:parent.__pwned=7"></iframe>'
const COLUMN = '<svg onload=window.__pwned=8>'
const DDL_ERROR = '<img src=x onerror=window.__pwned=9>no DDL here'
const NOTICE = '<img src=x onerror=window.__pwned=10>notice'
const MISSING_DATABASE = '<img src=x onerror=window.__pwned=11>_gone'

let server: TestServer

function admin(database = 'postgres') {
  return new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
  })
}

/** Runs statements as the superuser on one database. */
async function onDatabase(database: string, statements: string[]) {
  const client = admin(database)
  await client.connect()
  try {
    for (const sql of statements) await client.query(sql)
  } finally {
    await client.end()
  }
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

test.beforeAll(async () => {
  server = await startTestPostgres({ tls: false })
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
  await onDatabase('postgres', [
    `CREATE ROLE ${ident(ROLE)} LOGIN SUPERUSER PASSWORD ${literal(server.password)}`,
    `CREATE DATABASE ${ident(DATABASE)} OWNER ${ident(ROLE)}`,
    'CREATE DATABASE conflict_db',
    'CREATE DATABASE refusing_db',
  ])
  await onDatabase(DATABASE, [
    ...quickStartSchema(),
    `INSERT INTO sensors (type, location) VALUES (${literal(SENSOR_TYPE)}, ${literal(SENSOR_LOCATION)}), ('a', 'floor')`,
    `INSERT INTO sensor_data (time, sensor_id, temperature, cpu)
       SELECT t, s, 20 + s, 0.5 FROM generate_series(now() - interval '3 hours', now(), interval '1 minute') t,
              generate_series(1, 2) s`,
    `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION USING MESSAGE = ${literal(ERROR_MESSAGE)}, DETAIL = ${literal(ERROR_DETAIL)},
                               HINT = ${literal(ERROR_HINT)};
       END $$`,
    'CREATE TRIGGER refuse BEFORE INSERT ON sensors FOR EACH ROW EXECUTE FUNCTION refuse()',
    `CREATE FUNCTION chatter() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE NOTICE USING MESSAGE = ${literal(NOTICE)}, DETAIL = ${literal(ERROR_DETAIL)};
         RAISE WARNING USING MESSAGE = ${literal(NOTICE)};
         RETURN NEW;
       END $$`,
    'CREATE TRIGGER chatter BEFORE UPDATE ON sensors FOR EACH ROW EXECUTE FUNCTION chatter()',
  ])
  await onDatabase('conflict_db', [
    `CREATE TABLE sensors (id SERIAL PRIMARY KEY, type VARCHAR(50), location VARCHAR(50), ${ident(COLUMN)} integer)`,
  ])
  await onDatabase('refusing_db', [
    `CREATE FUNCTION refuse_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION USING MESSAGE = ${literal(DDL_ERROR)}; END $$`,
    'CREATE EVENT TRIGGER refuse_ddl ON ddl_command_start EXECUTE FUNCTION refuse_ddl()',
  ])
})

test.afterAll(async () => {
  await server?.destroy()
})

/** Connects from the form's fields (never the URL), as the hostile role. */
async function connect(page: Page, database: string) {
  await openView(page, 'Connections')
  await page.getByLabel('Host').fill('127.0.0.1')
  await page.getByLabel('Port').fill(String(server.port))
  await page.getByLabel('Database').fill(database)
  await page.getByLabel('User').fill(ROLE)
  await page.getByLabel('Password', { exact: true }).fill(server.password)
  await page.getByLabel('SSL mode').selectOption('disable')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
}

test('markup from a hostile server is shown as text and never runs', async ({ page, appHost }) => {
  test.skip(appHost !== 'web', 'Runs on a web host of its own.')
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  let host: WebHostProcess | null = await startWebHostProcess()
  try {
    await page.goto(host.url)
    await expect(statusBar(page)).toContainText('Embedded TimescaleDB', { timeout: 60_000 })

    // A database and a role named in markup: the server panel and the status bar.
    await connect(page, DATABASE)
    await expect(statusBar(page)).toContainText(`${ROLE}@127.0.0.1:${server.port}/${DATABASE}`)
    const panel = page.getByRole('region', { name: 'Server' })
    await expect(panel.getByText(DATABASE, { exact: true })).toBeVisible()
    await expect(panel.getByText(ROLE, { exact: true })).toBeVisible()
    await expectNothingInjected(page, dialogs)
    await screenshot(page, 'hostile-1-server-panel')

    // Sensors whose type and location are markup, in the table.
    await openView(page, 'Sensors')
    const table = page.getByRole('table', { name: 'Sensors' })
    await expect(table.getByRole('cell', { name: SENSOR_TYPE, exact: true })).toBeVisible()
    await expect(table.getByRole('cell', { name: SENSOR_LOCATION, exact: true })).toBeVisible()

    // Add sensor: the trigger's error, detail and hint come back as text beside the form.
    const form = page.getByRole('form', { name: 'New sensor' })
    await form.getByLabel('Type', { exact: true }).fill('c')
    await form.getByLabel('Location', { exact: true }).fill('roof')
    await form.getByRole('button', { name: 'Add sensor' }).click()
    const refusal = form.getByRole('alert')
    await expect(refusal).toContainText(ERROR_MESSAGE)
    await expect(refusal).toContainText(ERROR_DETAIL)
    await expect(refusal).toContainText(`Hint: ${ERROR_HINT}`)

    // Editing fires notices and warnings in markup: the edit works, they are shown nowhere.
    const rows = table.getByRole('row')
    const second = rows.filter({ has: page.getByRole('cell', { name: '2', exact: true }) })
    await second.getByRole('button', { name: 'Edit' }).click()
    const editing = rows.filter({ has: page.getByRole('button', { name: 'Save' }) })
    await editing.getByLabel('Location', { exact: true }).fill('ceiling')
    await editing.getByRole('button', { name: 'Save' }).click()
    await expect(second.getByRole('cell', { name: 'ceiling', exact: true })).toBeVisible()
    await expect(page.locator('body')).not.toContainText('notice')
    await expectNothingInjected(page, dialogs)
    await screenshot(page, 'hostile-2-sensors')

    // The chart's legend and filters name the sensor in markup.
    await openView(page, 'Charts')
    const legend = page.getByRole('list', { name: 'Legend' })
    await expect(legend).toContainText(`${SENSOR_TYPE} · ${SENSOR_LOCATION} (#1)`)
    await expectNothingInjected(page, dialogs)
    await screenshot(page, 'hostile-3-chart')

    // A table whose column name is markup: the schema conflict names it.
    await connect(page, 'conflict_db')
    await expect(statusBar(page)).toContainText('/conflict_db')
    await openView(page, 'Sensors')
    const schema = page.getByRole('region', { name: 'Schema' })
    await expect(schema.getByText('Conflict', { exact: true })).toBeVisible()
    await expect(schema).toContainText(COLUMN)
    await expectNothingInjected(page, dialogs)

    // DDL refused in markup: Set up schema fails with a notification that shows it.
    await connect(page, 'refusing_db')
    await expect(statusBar(page)).toContainText('/refusing_db')
    await openView(page, 'Sensors')
    await page.getByRole('button', { name: 'Set up schema' }).click()
    const notice = page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('alert')
      .filter({ hasText: 'Schema setup stopped' })
    await expect(notice).toContainText(DDL_ERROR)
    await expectNothingInjected(page, dialogs)
    await screenshot(page, 'hostile-4-notification')

    // A database that does not exist, named in markup: the message repeats the name as text.
    await connect(page, MISSING_DATABASE)
    await expect(
      page.getByRole('form', { name: 'Connect to a server' }).getByRole('alert'),
    ).toContainText(`The server has no database named "${MISSING_DATABASE}"`)
    await expectNothingInjected(page, dialogs)
    expect(await host.stop()).toBe(0)
    host = null
  } finally {
    await host?.stop()
  }
})
