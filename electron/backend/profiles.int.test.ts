import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ServerParamsInput } from '../../shared/domain/connection'
import { PROFILES_FILE } from './profiles'
import { UnavailableSecretStore } from './secrets'
import {
  createTestBackend,
  rejection,
  serverParams,
  type TestBackend,
} from './test-support/backend'

/**
 * Saved profiles through dispatch, against the real test server. The server's
 * random password is the canary: it must never reach the profiles file, a
 * reply, an event or a log line.
 */
const pg = inject('pg')
const canary = pg.password
let t: TestBackend
let configDir: string
const backends: TestBackend[] = []

const params = (overrides: Partial<ServerParamsInput> = {}) =>
  serverParams(pg, { sslmode: 'require', ...overrides })

beforeAll(async () => {
  t = await createTestBackend()
  backends.push(t)
  configDir = dirname(t.dataDir)
})

afterAll(async () => {
  for (const b of backends.reverse()) await b.close()
})

const profilesFile = () => readFile(join(configDir, PROFILES_FILE), 'utf8')

describe('saved profiles', () => {
  let savedId = ''

  it('always lists the embedded TimescaleDB first, with its data folder', async () => {
    const list = await t.call('profiles/list', {})
    expect(list.profiles).toEqual([
      {
        id: 'embedded',
        name: 'Embedded TimescaleDB',
        kind: 'embedded',
        passwordSaved: false,
        dataDir: t.dataDir,
      },
    ])
    expect(list.passwords.mode).toBe('memory')
  })

  it('saves a profile with its password kept apart; the file holds no password', async () => {
    const reply = await t.call('profiles/save', {
      name: 'Test server',
      params: params({ caCertPem: pg.caCertPem, caCertName: 'ca.crt' }),
      savePassword: true,
    })
    savedId = reply.profile.id
    expect(reply.password).toEqual({
      saved: true,
      message: 'Password kept in memory until the web host stops.',
    })
    expect(reply.profile).toMatchObject({
      name: 'Test server',
      kind: 'server',
      passwordSaved: true,
      params: { host: pg.host, port: pg.port, user: 'postgres', sslmode: 'require' },
    })
    expect(reply.profile.params).not.toHaveProperty('password')
    expect(JSON.stringify(reply)).not.toContain(canary)
    const file = await profilesFile()
    expect(file).not.toContain(canary)
    expect(JSON.parse(file)).toMatchObject({
      version: 1,
      profiles: [{ id: savedId, name: 'Test server', params: { caCertName: 'ca.crt' } }],
    })
    expect((await stat(join(configDir, PROFILES_FILE))).mode & 0o077).toBe(0)
    // No other file in the config folder got the password either.
    for (const name of await readdir(configDir)) {
      if (name === 'data') continue
      expect(await readFile(join(configDir, name), 'utf8').catch(() => '')).not.toContain(canary)
    }
  })

  it('connects from the profile with the saved password; the target carries its name', async () => {
    const state = await t.call('connection/open', {
      target: { kind: 'profile', profileId: savedId },
    })
    expect(state).toMatchObject({
      status: 'connected',
      target: { kind: 'server', label: 'Test server', profileId: savedId, sslmode: 'require' },
      server: { engine: 'postgres', tls: { enabled: true, certificateVerified: true } },
    })
    await t.call('connection/close', {})
  })

  it('renames, refusing duplicates and the built-in name', async () => {
    const renamed = await t.call('profiles/rename', { id: savedId, name: '  Staging  ' })
    expect(renamed).toMatchObject({ id: savedId, name: 'Staging', passwordSaved: true })
    await t.call('profiles/save', { name: 'Other', params: params(), savePassword: false })
    expect(
      await rejection(t.call('profiles/rename', { id: savedId, name: 'other' })),
    ).toMatchObject({
      code: 'conflict',
      message: 'A profile named "other" already exists; pick another name.',
    })
    expect(
      await rejection(
        t.call('profiles/save', {
          name: 'Embedded TimescaleDB',
          params: params(),
          savePassword: false,
        }),
      ),
    ).toMatchObject({ code: 'conflict' })
    const names = (await t.call('profiles/list', {})).profiles.map((p) => p.name)
    expect(names).toEqual(['Embedded TimescaleDB', 'Other', 'Staging'])
  })

  it('never renames or deletes the embedded TimescaleDB', async () => {
    for (const call of [
      t.call('profiles/rename', { id: 'embedded', name: 'Mine' }),
      t.call('profiles/delete', { id: 'embedded' }),
      t.call('profiles/save', {
        id: 'embedded',
        name: 'Mine',
        params: params(),
        savePassword: false,
      }),
    ]) {
      expect(await rejection(call)).toMatchObject({ code: 'invalid_input' })
    }
    expect((await t.call('profiles/list', {})).profiles[0]?.id).toBe('embedded')
  })

  it('asks for the password at connect time when none is saved', async () => {
    const other = (await t.call('profiles/list', {})).profiles.find((p) => p.name === 'Other')!
    expect(other.passwordSaved).toBe(false)
    const error = await rejection(
      t.call('connection/open', { target: { kind: 'profile', profileId: other.id } }),
    )
    expect(error).toMatchObject({ code: 'password_required' })
    const state = await t.call('connection/open', {
      target: { kind: 'profile', profileId: other.id, password: canary },
    })
    expect(state).toMatchObject({ status: 'connected', target: { label: 'Other' } })
    await t.call('connection/close', {})
  })

  it('a wrong password typed at connect time is an auth failure, not a silent fallback', async () => {
    const error = await rejection(
      t.call('connection/open', {
        target: { kind: 'profile', profileId: savedId, password: 'not-the-password' },
      }),
    )
    expect(error.code).toBe('auth_failed')
  })

  it('updates a profile: no password entered keeps the saved one; savePassword false forgets it', async () => {
    const { password: _omit, ...withoutPassword } = params({ sslmode: 'disable' })
    const kept = await t.call('profiles/save', {
      id: savedId,
      name: 'Staging',
      params: withoutPassword,
      savePassword: true,
    })
    expect(kept.password).toEqual({ saved: true, message: 'The saved password was kept.' })
    expect(kept.profile.params?.sslmode).toBe('disable')
    const forgot = await t.call('profiles/save', {
      id: savedId,
      name: 'Staging',
      params: withoutPassword,
      savePassword: false,
    })
    expect(forgot.password.saved).toBe(false)
    expect(forgot.profile.passwordSaved).toBe(false)
    expect(
      await rejection(
        t.call('connection/open', { target: { kind: 'profile', profileId: savedId } }),
      ),
    ).toMatchObject({ code: 'password_required' })
  })

  it('deletes a profile and its password', async () => {
    expect(await t.call('profiles/delete', { id: savedId })).toEqual({ id: savedId })
    const list = await t.call('profiles/list', {})
    expect(list.profiles.map((p) => p.id)).not.toContain(savedId)
    expect(
      await rejection(
        t.call('connection/open', { target: { kind: 'profile', profileId: savedId } }),
      ),
    ).toMatchObject({ code: 'not_found' })
    expect(await profilesFile()).not.toContain(savedId)
  })

  it('survives a restart of the host: profiles stay, memory-only passwords do not', async () => {
    await t.call('profiles/save', { name: 'Kept', params: params(), savePassword: true })
    const again = await createTestBackend({ configDir })
    backends.push(again)
    const kept = (await again.call('profiles/list', {})).profiles.find((p) => p.name === 'Kept')!
    expect(kept).toMatchObject({ kind: 'server', passwordSaved: false })
    expect(
      await rejection(
        again.call('connection/open', { target: { kind: 'profile', profileId: kept.id } }),
      ),
    ).toMatchObject({ code: 'password_required' })
    expect(
      await again.call('connection/open', {
        target: { kind: 'profile', profileId: kept.id, password: canary },
      }),
    ).toMatchObject({ status: 'connected', target: { label: 'Kept' } })
    await again.call('connection/close', {})
  })

  it('never wrote the password to a log, an event or the profiles file', async () => {
    for (const b of backends) {
      expect(b.logs.join('\n')).not.toContain(canary)
      expect(JSON.stringify(b.events)).not.toContain(canary)
    }
    expect(await profilesFile()).not.toContain(canary)
  })
})

describe('where the OS offers no safe storage', () => {
  it('refuses to save the password, says why, and asks for it at connect time', async () => {
    const b = await createTestBackend({
      secretStore: new UnavailableSecretStore(
        'No system keyring is available, only "basic_text". Passwords are not saved.',
      ),
    })
    backends.push(b)
    const list = await b.call('profiles/list', {})
    expect(list.passwords.mode).toBe('unavailable')
    const reply = await b.call('profiles/save', {
      name: 'Cloud',
      params: params(),
      savePassword: true,
    })
    expect(reply.password.saved).toBe(false)
    expect(reply.password.message).toMatch(/^Password not saved: No system keyring/)
    expect(reply.profile.passwordSaved).toBe(false)
    expect(await readFile(join(dirname(b.dataDir), PROFILES_FILE), 'utf8')).not.toContain(canary)
    expect(
      await rejection(
        b.call('connection/open', { target: { kind: 'profile', profileId: reply.profile.id } }),
      ),
    ).toMatchObject({ code: 'password_required' })
  })
})

describe('an unreadable profiles file', () => {
  it('is moved aside, not overwritten, and the app carries on', async () => {
    const b = await createTestBackend()
    backends.push(b)
    const dir = dirname(b.dataDir)
    await writeFile(join(dir, PROFILES_FILE), '{ not json')
    const list = await b.call('profiles/list', {})
    expect(list.profiles.map((p) => p.id)).toEqual(['embedded'])
    const aside = (await readdir(dir)).filter((n) => n.startsWith(`${PROFILES_FILE}.unreadable-`))
    expect(aside).toHaveLength(1)
    expect(b.logs.join('\n')).toMatch(/profiles file was unreadable/)
  })
})
