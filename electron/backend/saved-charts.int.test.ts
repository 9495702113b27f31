import { readFile, readdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { SavedChartConfigInput } from '../../shared/domain/saved-charts'
import { SAVED_CHARTS_FILE } from './saved-charts'
import {
  createTestBackend,
  rejection,
  serverParams,
  type TestBackend,
} from './test-support/backend'

/** Saved charts through dispatch: per profile, configuration only, in charts.json. */
const pg = inject('pg')
let t: TestBackend
const backends: TestBackend[] = []

const config = (station: string): SavedChartConfigInput => ({
  spec: {
    table: { schema: 'public', name: 'weather' },
    time: { column: 'observed_at' },
    measures: [{ column: 'temp_c', aggregate: 'max' }],
    split: { column: 'station' },
    filters: [{ column: { column: 'station' }, values: [station] }],
  },
  range: { kind: 'custom', from: Date.UTC(2026, 0, 10), to: Date.UTC(2026, 0, 13) },
  bucket: 3600,
  view: 'coverage',
})

beforeAll(async () => {
  t = await createTestBackend()
  backends.push(t)
})

afterAll(async () => {
  for (const b of backends.reverse()) await b.close()
})

const chartsFile = async () =>
  JSON.parse(await readFile(join(dirname(t.dataDir), SAVED_CHARTS_FILE), 'utf8')) as unknown

describe('saved charts', () => {
  it('saves, lists, renames and deletes a chart of a profile', async () => {
    const saved = await t.call('charts/save', {
      profileId: 'embedded',
      name: '  North temperature ',
      config: config('north'),
    })
    expect(saved.name).toBe('North temperature')
    expect(saved.config.fillGaps).toBe(false)
    expect(saved.config.view).toBe('coverage')
    expect(await t.call('charts/list', { profileId: 'embedded' })).toEqual([saved])
    // On disk: the configuration and nothing else.
    expect(await chartsFile()).toEqual({ version: 1, charts: [saved] })

    const updated = await t.call('charts/save', {
      id: saved.id,
      profileId: 'embedded',
      name: 'North temperature',
      config: config('south'),
    })
    expect(updated.config.spec.filters[0]?.values).toEqual(['south'])
    expect(updated.createdAt).toBe(saved.createdAt)

    const renamed = await t.call('charts/rename', { id: saved.id, name: 'South' })
    expect(renamed.name).toBe('South')
    expect((await t.call('charts/list', { profileId: 'embedded' })).map((c) => c.name)).toEqual([
      'South',
    ])
    await t.call('charts/delete', { id: saved.id })
    expect(await t.call('charts/list', { profileId: 'embedded' })).toEqual([])
    expect((await rejection(t.call('charts/delete', { id: saved.id }))).code).toBe('not_found')
  })

  it('keeps each profile to its own charts and names', async () => {
    const { profile } = await t.call('profiles/save', {
      name: 'Elsewhere',
      params: serverParams(pg, { password: undefined }),
      savePassword: false,
    })
    await t.call('charts/save', { profileId: 'embedded', name: 'Weather', config: config('a') })
    await t.call('charts/save', { profileId: profile.id, name: 'Weather', config: config('b') })
    const clash = await rejection(
      t.call('charts/save', { profileId: 'embedded', name: 'WEATHER', config: config('c') }),
    )
    expect(clash.code).toBe('conflict')
    expect(await t.call('charts/list', { profileId: profile.id })).toHaveLength(1)
    // A chart is saved for a profile that exists...
    const unknown = await rejection(
      t.call('charts/save', { profileId: 'no-such-profile', name: 'X', config: config('a') }),
    )
    expect(unknown.code).toBe('not_found')
    // ...and goes when its profile goes.
    await t.call('profiles/delete', { id: profile.id })
    expect(await t.call('charts/list', { profileId: profile.id })).toEqual([])
    expect(await t.call('charts/list', { profileId: 'embedded' })).toHaveLength(1)
  })

  it('refuses a configuration that is not a chart, and changes nothing', async () => {
    const before = await chartsFile()
    const bad = await rejection(
      t.call('charts/save', {
        profileId: 'embedded',
        name: 'Bad',
        config: { ...config('a'), range: { kind: 'custom', from: 10, to: 5 } },
      } as never),
    )
    expect(bad.code).toBe('bad_request')
    expect(await chartsFile()).toEqual(before)
  })

  it('moves an unreadable file aside and carries on', async () => {
    const b = await createTestBackend()
    backends.push(b)
    const dir = dirname(b.dataDir)
    await writeFile(join(dir, SAVED_CHARTS_FILE), '{ not json')
    expect(await b.call('charts/list', { profileId: 'embedded' })).toEqual([])
    const aside = (await readdir(dir)).filter((n) =>
      n.startsWith(`${SAVED_CHARTS_FILE}.unreadable-`),
    )
    expect(aside).toHaveLength(1)
  })
})
