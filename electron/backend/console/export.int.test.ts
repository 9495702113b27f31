import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, rejection } from '../test-support/backend'
import { AUTO_READ, connectConsole, runOk } from '../test-support/console'
import { createScratchDatabase, type ScratchDatabase } from '../test-support/scratch-database'
import { ENGINES, serverOf, type ConnectedBackend } from '../test-support/engines'
import type { TestServerInfo } from '../test-support/postgres-server'
import { psqlRaw } from '../test-support/psql'
import { waitFor } from '../test-support/wait'
import { hostDownloads, startTestWebHost } from '../test-support/web-client'
import { jobDone } from '../test-support/jobs'

/** Values CSV must quote, escape or keep apart: commas, quotes, line breaks, NULL against '', COPY's end marker. */
const TRICKY = `
  CREATE TABLE tricky (id int, label text, note text);
  INSERT INTO tricky VALUES
    (1, 'plain', NULL), (2, 'a,b', ''), (3, 'say "hi"', 'x'), (4, E'two\\nlines', E'cr\\rhere'),
    (5, '\\.', 'Zürich – 東京 🌡️'), (6, ' spaced ', '<b>html</b>')`
const QUERY = 'SELECT id, label, note FROM tricky ORDER BY id'

describe.each(ENGINES)('Export CSV on %s', (engine) => {
  let c: ConnectedBackend
  let folder: string
  /** The same data on a server psql can reach: the engine's own database, or a reference one. */
  let reference: { server: TestServerInfo; database: string; scratch: ScratchDatabase | null }
  let picked: string | null = null

  beforeAll(async () => {
    folder = await makeTempDir('console-export')
    c = await connectConsole(engine, { chooseExportFile: async () => picked })
    await runOk(c.t.call, TRICKY)
    if (c.scratch) reference = { server: serverOf(engine), database: c.scratch.name, scratch: null }
    else {
      const server = serverOf('postgres')
      const scratch = await createScratchDatabase(server, 'export_ref')
      await scratch.admin.query(TRICKY)
      reference = { server, database: scratch.name, scratch }
    }
  })
  afterAll(async () => {
    await c?.close()
    await reference?.scratch?.drop()
  })

  const done = (jobId: string) => jobDone(c.t, jobId)

  const exportTo = async (file: string, sql: string, params = {}) => {
    picked = file
    const reply = await c.t.call('console/export', {
      consoleId: 'tab-1',
      sql,
      params,
      settings: AUTO_READ,
    })
    if (!reply.jobId) throw new Error('no job')
    expect(reply.destination).toEqual({ kind: 'file', path: file })
    return done(reply.jobId)
  }

  it("writes the whole result to the picked file, byte for byte what psql's COPY … TO STDOUT gives", async () => {
    const file = join(folder, `copy-${engine}.csv`)
    const outcome = await exportTo(file, QUERY)
    expect(outcome).toMatchObject({ outcome: 'succeeded', summary: { rows: 6 } })
    const expected = await psqlRaw(
      reference.server,
      reference.database,
      `COPY (${QUERY}) TO STDOUT (FORMAT csv, HEADER true)`,
    )
    expect(await readFile(file, 'utf8')).toBe(expected)
  })

  it('writes the same CSV for a statement with parameters (read through a cursor)', async () => {
    const file = join(folder, `params-${engine}.csv`)
    await exportTo(file, 'SELECT id, label, note FROM tricky WHERE id >= %s ORDER BY id', {
      '%s #1': { type: 'number', value: '1' },
    })
    const expected = await psqlRaw(
      reference.server,
      reference.database,
      `COPY (${QUERY}) TO STDOUT (FORMAT csv, HEADER true)`,
    )
    expect(await readFile(file, 'utf8')).toBe(expected)
  })

  it('asks nothing more when the save dialog is dismissed, and refuses a statement that is not a query', async () => {
    picked = null
    const reply = await c.t.call('console/export', {
      consoleId: 'tab-1',
      sql: QUERY,
      settings: AUTO_READ,
    })
    expect(reply).toEqual({ jobId: null, destination: null })
    picked = join(folder, 'never.csv')
    const refused = await rejection(
      c.t.call('console/export', {
        consoleId: 'tab-1',
        sql: 'DELETE FROM tricky',
        settings: AUTO_READ,
      }),
    )
    expect(refused.message).toMatch(/Export CSV takes a query/)
    await expect(stat(picked)).rejects.toThrow()
  })
})

describe('Export CSV to the web host', () => {
  let c: ConnectedBackend
  beforeAll(async () => {
    c = await connectConsole('postgres')
    await runOk(c.t.call, TRICKY)
  })
  afterAll(async () => {
    await c?.close()
  })

  it('streams the result as a download that needs the token and works once', async () => {
    const web = await startTestWebHost(c.t.backend)
    const downloads = hostDownloads(web.host)
    try {
      const reply = await c.t.call('console/export', {
        consoleId: 'tab-1',
        sql: QUERY,
        settings: AUTO_READ,
      })
      if (reply.destination?.kind !== 'download') throw new Error('expected a download')
      expect((await downloads.withWrongToken(reply.destination.url)).status).toBe(401)
      const download = await downloads.withToken(reply.destination.url)
      expect(download.status).toBe(200)
      expect(download.headers.get('content-disposition')).toMatch(
        /^attachment; filename="query-\d{8}-\d{6}\.csv"$/,
      )
      const expected = await psqlRaw(
        serverOf('postgres'),
        c.scratch?.name ?? '',
        `COPY (${QUERY}) TO STDOUT (FORMAT csv, HEADER true)`,
      )
      expect(await download.text()).toBe(expected)
      expect((await downloads.withToken(reply.destination.url)).status).toBe(404)
    } finally {
      await web.close()
    }
  })

  it('stops a cancelled export on the server and leaves the tab usable', async () => {
    const reply = await c.t.call('console/export', {
      consoleId: 'tab-1',
      sql: 'SELECT g, md5(g::text) FROM generate_series(1, 20000000) g',
      settings: AUTO_READ,
    })
    if (reply.destination?.kind !== 'download' || !reply.jobId)
      throw new Error('expected a download')
    const id = reply.destination.url.split('/').pop() ?? ''
    const download = c.t.backend.takeDownload(id)
    // A reader slower than the server: backpressure must hold the rest on the server.
    let received = 0
    const slow = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, next) {
        received += chunk.byteLength
        setTimeout(next, 5)
      },
    })
    download?.attach(slow)
    await waitFor('some bytes to arrive', () => received > 0)
    const heap = process.memoryUsage().heapUsed
    expect(c.t.ctx.jobs.cancel(reply.jobId)).toBe(true)
    const jobId = reply.jobId
    const ended = await jobDone(c.t, jobId)
    expect(ended.outcome).toBe('cancelled')
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024)
    const active = await c.scratch?.admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'TSDB Explorer console' AND state = 'active'",
    )
    expect(active?.rows[0].n).toBe(0)
    expect((await runOk(c.t.call, 'SELECT count(*) FROM tricky')).rows).toEqual([['6']])
  })
})
