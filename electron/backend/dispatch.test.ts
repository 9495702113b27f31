import { describe, expect, it } from 'vitest'
import { callNames, calls, type CallName } from '../../shared/contract'
import { createBackend } from './backend'
import { handlers } from './handlers'
import { silentLogger } from './log'

/**
 * One valid request per call. Every call in the contract must appear here, so
 * a new call cannot skip the generated bad-input tests below.
 */
const ht = { schema: 'public', name: 'sensor_data' }
const age = { amount: 7, unit: 'days' }
const weather = { schema: 'public', name: 'weather' }
const spec = { table: weather, time: { column: 'observed_at' }, measures: [{ column: 'temp_c' }] }
const chart = { spec, from: 0, to: 3_600_000, pixels: 800 }

const examples: Record<CallName, unknown> = {
  'app/info': {},
  'connection/open': {
    target: { kind: 'server', params: { host: 'h', database: 'd', user: 'u' } },
  },
  'connection/close': {},
  'connection/state': {},
  'server/info': {},
  'connection/test': { target: { kind: 'url', url: 'postgres://u@h/d' } },
  'profiles/list': {},
  'profiles/save': {
    name: 'Cloud',
    params: { host: 'h', database: 'd', user: 'u' },
    savePassword: false,
  },
  'profiles/rename': { id: 'p1', name: 'Renamed' },
  'profiles/delete': { id: 'p1' },
  'embedded/reset': { confirm: true },
  'server/enable-timescaledb': {},
  'schema/status': {},
  'schema/setup': {},
  'sensors/list': {},
  'sensors/add': { type: 'a', location: 'floor' },
  'sensors/update': { id: 1, type: 'a', location: 'floor' },
  'sensors/delete': { id: 1 },
  'sensors/seed': {},
  'ingest/start': { from: 0, to: 86_400_000, intervalMs: 300_000 },
  'import/start': { fileName: 'a.csv', totalBytes: 10, columns: ['time', 'sensor_id'] },
  'import/chunk': { jobId: 'job-1', bytes: new Uint8Array([1]), last: true },
  'jobs/cancel': { jobId: 'job-1' },
  'series/bucketed': { from: 0, to: 3_600_000, pixels: 800 },
  'series/extent': {},
  'series/filters': {},
  'console/run': {
    consoleId: 'tab-1',
    sql: 'SELECT %s',
    params: { '%s #1': { type: 'text', value: 'x' } },
    settings: { readOnly: true, autoCommit: true, statementTimeoutMs: 30_000 },
  },
  'console/fetch': { consoleId: 'tab-1', resultId: 'r1', offset: 0, limit: 100 },
  'console/count': { consoleId: 'tab-1', resultId: 'r1' },
  'console/close-result': { consoleId: 'tab-1', resultId: 'r1' },
  'console/state': { consoleId: 'tab-1' },
  'console/commit': { consoleId: 'tab-1' },
  'console/rollback': { consoleId: 'tab-1' },
  'console/close': { consoleId: 'tab-1' },
  'console/explain': {
    consoleId: 'tab-1',
    sql: 'SELECT 1',
    settings: { readOnly: true, autoCommit: true, statementTimeoutMs: 0 },
  },
  'console/export': {
    consoleId: 'tab-1',
    sql: 'SELECT 1',
    settings: { readOnly: true, autoCommit: true, statementTimeoutMs: 0 },
  },
  'console/history': { search: 'sensor', limit: 10 },
  'console/snippets': {},
  'console/snippet-save': { name: 'Readings', sql: 'SELECT * FROM sensor_data' },
  'console/snippet-delete': { id: '00000000-0000-4000-8000-000000000001' },
  'console/tabs': {},
  'console/completions': {},
  'console/tabs-save': {
    tabs: [
      {
        id: 'tab-1',
        title: 'Query 1',
        sql: 'SELECT 1',
        settings: { readOnly: true, autoCommit: true, statementTimeoutMs: 0 },
      },
    ],
    activeId: 'tab-1',
  },
  'catalog/list': {},
  'catalog/describe': { table: weather },
  'catalog/values': { table: weather, column: { column: 'station' } },
  'catalog/time-range': { table: weather, column: 'observed_at' },
  'rollups/list': { table: weather },
  'rollups/propose': {
    spec,
    bucketSeconds: 3600,
  },
  'rollups/create': {
    spec,
    bucketSeconds: 3600,
    name: 'weather_1h',
  },
  'rollups/remove': { view: { schema: 'public', name: 'weather_1h' } },
  'series/chart': chart,
  'series/export': {
    spec,
    from: 0,
    to: 3_600_000,
    timeZone: 'Asia/Kolkata',
    fileName: 'weather-temp_c-rows-1970-01-01-00-00.csv',
  },
  'charts/list': { profileId: 'embedded' },
  'charts/save': {
    profileId: 'embedded',
    name: 'Weather',
    config: { spec },
  },
  'charts/rename': { id: 'c1', name: 'Renamed' },
  'charts/delete': { id: 'c1' },
  'series/explain': { chart },
  'hypertables/list': {},
  'hypertables/chunks': { table: ht },
  'hypertables/compression': { table: ht },
  'hypertables/enable-compression': {
    table: ht,
    segmentBy: ['sensor_id'],
    orderBy: [{ column: 'time', descending: true }],
  },
  'hypertables/compress': { table: ht },
  'hypertables/decompress': { table: ht },
  'hypertables/compression-policy': { table: ht, action: 'add', after: age },
  'hypertables/retention': { table: ht },
  'hypertables/retention-policy': { table: ht, action: 'add', after: age },
  'hypertables/drop-preview': { table: ht, olderThan: age },
  'hypertables/drop-chunks': {
    table: ht,
    olderThan: age,
    confirmName: 'sensor_data',
    chunks: ['_hyper_1_1_chunk'],
  },
  'hypertables/jobs': {},
  'hypertables/job-run': { jobId: 1000 },
  'hypertables/job-schedule': { jobId: 1000, scheduled: false },
}

/**
 * Requests with every optional field filled in, so the mutations below reach
 * the fields a minimal example leaves out (nested filters, passwords, seeds).
 */
const fullExamples: [CallName, unknown][] = [
  [
    'series/chart',
    {
      spec: {
        table: { schema: 'public', name: 'metrics' },
        time: { column: 'ts', unit: 'ms' },
        measures: [
          { column: 'value', aggregate: 'max' },
          { column: 'value', aggregate: 'first' },
        ],
        split: { via: 'host_id', column: 'region' },
        filters: [{ column: { column: 'metric' }, values: ['cpu', null] }],
      },
      from: 0,
      to: 86_400_000,
      bucket: 300,
      pixels: 800,
      fillGaps: true,
      minMax: true,
      timeZone: 'Europe/Berlin',
    },
  ],
  [
    'catalog/values',
    {
      table: { schema: 'public', name: 'metrics' },
      column: { via: 'host_id', column: 'region' },
      search: 'e',
      limit: 10,
    },
  ],
  [
    'series/bucketed',
    {
      metric: 'cpu',
      from: 0,
      to: 86_400_000,
      bucket: 300,
      pixels: 800,
      groupBy: 'location',
      filters: { locations: ['floor'], types: ['a'], sensorIds: [1] },
      fillGaps: false,
      minMax: true,
      timeZone: 'Europe/Berlin',
    },
  ],
  [
    'ingest/start',
    {
      from: 0,
      to: 86_400_000,
      intervalMs: 300_000,
      sensorIds: [1, 2],
      replaceExisting: true,
      seed: 7,
      utcOffsetMinutes: 60,
      createMissing: true,
    },
  ],
  [
    'connection/open',
    {
      target: {
        kind: 'server',
        params: {
          host: 'h',
          port: 5432,
          database: 'd',
          user: 'u',
          password: 'p',
          sslmode: 'verify-full',
          caCertPem: '-----BEGIN CERTIFICATE-----',
          caCertName: 'ca.pem',
          connectTimeoutSeconds: 5,
        },
      },
    },
  ],
  [
    'connection/test',
    { target: { kind: 'url', url: 'postgres://u@h/d', password: 'p', caCertPem: 'x' } },
  ],
  ['connection/open', { target: { kind: 'profile', profileId: 'p1', password: 'p' } }],
  [
    'profiles/save',
    {
      id: 'p1',
      name: 'Cloud',
      params: { host: 'h', database: 'd', user: 'u', password: 'p' },
      savePassword: true,
    },
  ],
  ['sensors/delete', { id: 1, deleteReadings: true }],
  ['hypertables/chunks', { table: ht, from: 0, to: 3_600_000 }],
  ['hypertables/compression', { table: ht, split: { column: 'location', via: 'sensor_id' } }],
  [
    'hypertables/enable-compression',
    { table: ht, segmentBy: [], orderBy: [{ column: 'time', descending: false }], dryRun: true },
  ],
  ['hypertables/compress', { table: ht, olderThan: age }],
  ['hypertables/decompress', { table: ht, olderThan: null }],
  ['hypertables/retention-policy', { table: ht, action: 'remove' }],
  ['hypertables/jobs', { table: ht }],
]

const HUGE = 'x'.repeat(1_000_000)

/** Every way to spoil a valid payload: each leaf removed, retyped, made huge; extra keys. */
function* mutations(value: unknown, path: string[] = []): Generator<[string, unknown]> {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return
  const entries = Object.entries(value as Record<string, unknown>)
  const at = (key: string) => [...path, key].join('.')
  yield [`${path.join('.') || 'request'} + unknown key`, { ...(value as object), __proto_x: 1 }]
  for (const [key, child] of entries) {
    const without = { ...(value as Record<string, unknown>) }
    delete without[key]
    yield [`${at(key)} missing`, without]
    for (const wrong of [null, 42, 'text', true, [], {}]) {
      if (typeof wrong === typeof child && Array.isArray(wrong) === Array.isArray(child)) continue
      yield [`${at(key)} = ${JSON.stringify(wrong)}`, { ...(value as object), [key]: wrong }]
    }
    yield [`${at(key)} huge`, { ...(value as object), [key]: HUGE }]
    for (const [name, inner] of mutations(child, [...path, key])) {
      yield [name, { ...(value as object), [key]: inner }]
    }
  }
}

describe('dispatch validates every call against its schema', () => {
  const backend = createBackend({
    host: 'web',
    version: 'test',
    embeddedDataDir: '/nonexistent/never-opened',
    engineWorkerPath: '/nonexistent/worker.mjs',
    log: silentLogger,
  })

  it('has a valid example for every call in the contract', () => {
    expect(Object.keys(examples).sort()).toEqual([...callNames].sort())
    for (const name of callNames) {
      expect(calls[name].request.safeParse(examples[name]).success, name).toBe(true)
    }
  })

  it('has a handler for every call, and none outside the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort())
  })

  it('refuses non-object payloads for every call', async () => {
    for (const name of callNames) {
      for (const payload of [undefined, null, 'x', 7, [], HUGE]) {
        const result = await backend.dispatch(name, payload)
        expect(result, `${name} with ${String(payload).slice(0, 10)}`).toMatchObject({
          ok: false,
          error: { code: 'bad_request' },
        })
      }
    }
  })

  /**
   * Dispatches every spoiled form of `example` that the schema refuses: each
   * must come back as a short bad_request of name, code and message that
   * echoes nothing huge. Returns how many there were.
   */
  async function dispatchSpoiled(name: CallName, example: unknown): Promise<number> {
    let refused = 0
    for (const [label, payload] of mutations(example)) {
      if (calls[name].request.safeParse(payload).success) continue
      refused++
      const result = await backend.dispatch(name, payload)
      expect(result, label).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      if (result.ok) continue
      expect(result.error.message.length, label).toBeLessThanOrEqual(600)
      expect(result.error.message, label).not.toContain('xxxxxxxxxx')
      expect(Object.keys(result.error).sort(), label).toEqual(['code', 'message', 'name'])
    }
    return refused
  }

  it.each(callNames)(
    '%s: every spoiled payload the schema refuses is refused as bad_request',
    async (name) => {
      const refused = await dispatchSpoiled(name, examples[name])
      if (Object.keys(examples[name] as object).length > 0) expect(refused).toBeGreaterThan(0)
    },
  )

  it('refuses own __proto__ and constructor keys (as JSON from a socket carries them), polluting nothing', async () => {
    for (const name of callNames) {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        // An own property named __proto__, exactly what JSON.parse makes of such a key.
        const payload = { ...(examples[name] as object) }
        Object.defineProperty(payload, key, {
          value: { polluted: true, isAdmin: true },
          enumerable: true,
          configurable: true,
          writable: true,
        })
        const result = await backend.dispatch(name, payload)
        expect(result, `${name} with ${key}`).toMatchObject({
          ok: false,
          error: { code: 'bad_request', message: expect.stringContaining(key) },
        })
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it('refuses deeply nested and very long arrays without overflowing', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const long = Array.from({ length: 1_000_000 }, (_, i) => i)
    for (const [name, payload] of [
      [
        'series/bucketed',
        { ...(examples['series/bucketed'] as object), filters: { sensorIds: long } },
      ],
      ['ingest/start', { ...(examples['ingest/start'] as object), sensorIds: long }],
      ['sensors/add', { type: deep, location: 'x' }],
      ['connection/open', { target: deep }],
    ] as const) {
      const result = await backend.dispatch(name, payload)
      expect(result, name).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      if (!result.ok) expect(result.error.message.length, name).toBeLessThanOrEqual(600)
    }
  })

  it.each(fullExamples)(
    '%s with every optional field: every spoiled payload the schema refuses is refused',
    async (name, example) => {
      expect(calls[name].request.safeParse(example).success).toBe(true)
      expect(await dispatchSpoiled(name, example)).toBeGreaterThan(0)
    },
  )

  it('refuses unknown and hostile call names without echoing them at length', async () => {
    for (const name of ['nope', 'connection/drop', '__proto__', 'constructor', HUGE, 42, null]) {
      const result = await backend.dispatch(name, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } })
      if (!result.ok) expect(result.error.message.length).toBeLessThan(100)
    }
  })
})
