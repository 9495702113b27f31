import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY_MS } from '../../../shared/domain/ingest'
import { encodeFrame } from '../../../shared/wire'
import {
  createTestBackend,
  makeTempDir,
  serverParams,
  type TestBackend,
} from '../test-support/backend'
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy'
import { jobDone, waitForProgress } from '../test-support/jobs'
import { createScratchDatabase, type ScratchDatabase } from '../test-support/scratch-database'
import { waitFor } from '../test-support/wait'
import { appSessions } from './harness'

/**
 * The test server's password is a random canary. Everything the backend can
 * say to anyone — every reply, every event, every log line — and every file
 * it writes is scanned for it, after a session that hands it the password
 * every way the app can (fields, URL, saved profile), fails every way a
 * password could slip into a message, and runs real work.
 */
const pg = inject('pg')
const canary = pg.password
const BASE = Date.UTC(2026, 0, 1)
/** What the redactor writes over a secret: seeing it means a message was built with one. */
const MASK = '••••'
let scratch: ScratchDatabase
let proxy: FaultProxy
let t: TestBackend
let configDir: string
/** Every reply as a host would send it over the web host's socket. */
const replies: string[] = []

beforeAll(async () => {
  scratch = await createScratchDatabase(pg, 'canary')
  proxy = await startFaultProxy({ host: pg.host, port: pg.port })
  configDir = await makeTempDir('canary-config')
  t = await createTestBackend({ configDir })
  const dispatch = t.backend.dispatch
  t.backend.dispatch = async (name, payload) => {
    const result = await dispatch(name, payload)
    replies.push(new TextDecoder().decode(encodeFrame(result)))
    return result
  }
})

afterAll(async () => {
  await t?.close()
  await proxy?.close()
  await scratch?.drop()
})

/** Runs a call and keeps going whatever it answers: only what it says matters here. */
const attempt = (promise: Promise<unknown>) =>
  promise.then(
    () => {},
    () => {},
  )

describe('the canary password', () => {
  it('goes through a session of every kind of success and failure', async () => {
    const params = serverParams(pg, { database: scratch.name })
    const url = (password: string, extra = '') =>
      `postgresql://${pg.user}:${encodeURIComponent(password)}@127.0.0.1:${pg.port}/${scratch.name}?sslmode=disable${extra}`

    // Failures that involve the password.
    await attempt(
      t.call('connection/test', {
        target: { kind: 'server', params: { ...params, password: `${canary}-wrong` } },
      }),
    )
    await attempt(
      t.call('connection/test', { target: { kind: 'url', url: url(`${canary}-wrong`) } }),
    )
    await attempt(
      t.call('connection/test', { target: { kind: 'url', url: url(canary).replace('@', '@@') } }),
    )
    await attempt(
      t.call('connection/test', { target: { kind: 'url', url: `${url(canary)}&bogus=${canary}` } }),
    )
    await attempt(
      t.call('connection/test', { target: { kind: 'url', url: `password=${canary} user` } }),
    )
    await attempt(
      t.call('connection/test', {
        target: {
          kind: 'server',
          params: { ...params, sslmode: 'verify-full', caCertPem: pg.otherCaCertPem },
        },
      }),
    )
    await attempt(
      t.call('connection/test', {
        target: { kind: 'server', params: { ...params, database: 'no_such_db' } },
      }),
    )
    await attempt(
      t.call('connection/test', {
        target: { kind: 'server', params: { ...params, user: 'nobody' } },
      }),
    )
    proxy.setMode('blackhole')
    await attempt(
      t.call('connection/test', {
        target: {
          kind: 'server',
          params: { ...params, host: proxy.host, port: proxy.port, connectTimeoutSeconds: 1 },
        },
      }),
    )
    proxy.setMode('forward')
    // A bad request carrying the password in a field that is too long.
    await attempt(
      t.call('connection/open', {
        target: { kind: 'server', params: { ...params, host: canary.repeat(40) } },
      }),
    )
    await attempt(
      t.call('connection/open', {
        target: { kind: 'server', params: { ...params, password: canary.repeat(100) } },
      }),
    )

    // Successes, with the password given each way.
    await t.call('connection/test', { target: { kind: 'url', url: url(canary) } })
    await t.call('connection/open', {
      target: { kind: 'url', url: url('ignored-by-the-field'), password: canary },
    })
    const saved = await t.call('profiles/save', { name: 'Canary', params, savePassword: true })
    expect(saved.password.saved).toBe(true)
    await t.call('profiles/list', {})
    await t.call('connection/open', { target: { kind: 'profile', profileId: saved.profile.id } })
    await t.call('profiles/rename', { id: saved.profile.id, name: 'Canary 2' })
    await t.call('server/info', {})
    await t.call('connection/state', {})

    // Real work, and a load that fails when the server kills its session.
    await t.call('schema/setup', {})
    await t.call('sensors/seed', {})
    const ok = await t.call('ingest/start', { from: BASE, to: BASE + DAY_MS, intervalMs: 300_000 })
    await jobDone(t, ok.jobId)
    await t.call('series/bucketed', { from: BASE, to: BASE + DAY_MS, pixels: 500 })
    await t.call('series/filters', {})
    await t.call('series/extent', {})
    const big = await t.call('ingest/start', {
      from: BASE,
      to: BASE + 30 * DAY_MS,
      intervalMs: 1_000,
    })
    await waitForProgress(t, big.jobId)
    const copying = await waitFor('the COPY', async () =>
      (await appSessions(scratch.admin, scratch.name)).find((s) => s.query.startsWith('COPY')),
    )
    await scratch.admin.query('SELECT pg_terminate_backend($1)', [copying.pid])
    expect(await jobDone(t, big.jobId)).toMatchObject({ outcome: 'failed' })
    // The server goes away for every pooled session at once.
    // Only this file's database: other test files share the server and run alongside.
    await scratch.admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'TSDB Explorer' AND datname = $1",
      [scratch.name],
    )
    await attempt(t.call('sensors/list', {}))
    await t.call('connection/close', {})
    await attempt(t.call('sensors/list', {}))
    expect(replies.length).toBeGreaterThanOrEqual(29)
  })

  it('is in no reply, event or log line, and nothing was even redacted', () => {
    const everything = [...replies, JSON.stringify(t.events), ...t.logs].join('\n')
    expect(everything).not.toContain(canary)
    expect(everything).not.toContain(encodeURIComponent(canary))
    // Messages are built without secrets; the redactor is only the second line of defence.
    expect(everything).not.toContain(MASK)
    // It was all real: the session saw failures, a failed job and a lost connection.
    for (const code of [
      'auth_failed',
      'malformed_url',
      'tls_untrusted',
      'connect_timeout',
      'bad_request',
      'connection_lost',
      'not_connected',
    ]) {
      expect(everything, code).toContain(`"${code}"`)
    }
  })

  it('is in no file the backend wrote', async () => {
    const files = await readdir(configDir, { recursive: true })
    expect(files).toContain('profiles.json')
    for (const file of files) {
      const path = join(configDir, file)
      const text = await readFile(path).then(
        (b) => b.toString('utf8'),
        () => '', // a folder
      )
      expect(text, file).not.toContain(canary)
    }
    expect(await readFile(join(configDir, 'profiles.json'), 'utf8')).toContain('Canary 2')
  })
})
