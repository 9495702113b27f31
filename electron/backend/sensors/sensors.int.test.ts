import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rejection } from '../test-support/backend'
import { ENGINES, openEngine, type EngineHarness } from '../test-support/engines'
import { sampleRows, sensorChunks } from '../test-support/sensor-rows'
import { addSensor, explainSensorError } from './repository'

const HOSTILE = [
  "'); DROP TABLE sensors;--",
  '<img src=x onerror=alert(1)>',
  'Zürich – 東京 🌡️ température',
  '$1 %s \\x00 "quoted" \\\\ back\\slash',
]

describe.each(ENGINES)('the sensor manager on %s', (engine) => {
  let e: EngineHarness

  beforeAll(async () => {
    e = await openEngine(engine)
  })

  afterAll(async () => {
    await e?.close()
  })

  beforeEach(async () => {
    await e.dropTables('sensor_notes', 'sensor_data', 'sensors')
    await e.call('schema/setup', {})
  })

  const stored = async () =>
    (
      await e.driver.query<{ id: number; type: string; location: string }>(
        'SELECT id, type, location FROM sensors ORDER BY id',
      )
    ).rows

  const readingsOf = async (id: number) =>
    (
      await e.driver.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM sensor_data WHERE sensor_id = $1',
        [id],
      )
    ).rows[0]?.n

  const loadReadings = (sensorId: number, count: number) =>
    e.driver.copyIn({
      table: 'sensor_data',
      columns: ['time', 'sensor_id', 'temperature', 'cpu'],
      format: 'binary',
      chunks: sensorChunks(sampleRows(count, sensorId)),
    })

  it('adds the four quick-start sensors once, and only the missing ones later', async () => {
    expect(await e.call('sensors/list', {})).toEqual([])

    const first = await e.call('sensors/seed', {})
    expect(first).toEqual({
      added: [
        { id: 1, type: 'a', location: 'floor' },
        { id: 2, type: 'a', location: 'ceiling' },
        { id: 3, type: 'b', location: 'floor' },
        { id: 4, type: 'b', location: 'ceiling' },
      ],
      existing: [],
    })
    expect(await e.call('sensors/list', {})).toEqual([
      { id: 1, type: 'a', location: 'floor', readings: 0, lastReadingAt: null },
      { id: 2, type: 'a', location: 'ceiling', readings: 0, lastReadingAt: null },
      { id: 3, type: 'b', location: 'floor', readings: 0, lastReadingAt: null },
      { id: 4, type: 'b', location: 'ceiling', readings: 0, lastReadingAt: null },
    ])

    const second = await e.call('sensors/seed', {})
    expect(second.added).toEqual([])
    expect(second.existing.map((s) => s.id)).toEqual([1, 2, 3, 4])
    expect(await stored()).toHaveLength(4)

    await e.call('sensors/delete', { id: 3 })
    const third = await e.call('sensors/seed', {})
    expect(third.added).toEqual([{ id: 5, type: 'b', location: 'floor' }])
    expect((await stored()).map((s) => s.id)).toEqual([1, 2, 4, 5])
  })

  it('stores hostile and Unicode text literally, as parameters', async () => {
    for (const text of HOSTILE) {
      const sensor = await e.call('sensors/add', { type: text, location: text })
      expect(sensor).toMatchObject({ type: text, location: text, readings: 0 })
    }
    expect((await stored()).map((s) => [s.type, s.location])).toEqual(
      HOSTILE.map((text) => [text, text]),
    )
    // The table the first one "drops" is still there.
    expect((await e.call('schema/status', {})).state).toBe('ready')
    expect((await e.call('sensors/list', {})).map((s) => s.type)).toEqual(HOSTILE)
  })

  it('trims, and allows 1–50 characters as PostgreSQL counts them', async () => {
    const trimmed = await e.call('sensors/add', { type: '  a  ', location: '\tfloor\n' })
    expect(trimmed).toMatchObject({ type: 'a', location: 'floor' })

    // 50 thermometers are 100 UTF-16 units but 50 characters: VARCHAR(50) takes them.
    const fifty = '🌡'.repeat(50)
    const wide = await e.call('sensors/add', { type: fifty, location: 'x'.repeat(50) })
    expect(wide.type).toBe(fifty)
    const lengths = await e.driver.query<{ n: number }>(
      'SELECT char_length(type) AS n FROM sensors WHERE id = $1',
      [wide.id],
    )
    expect(lengths.rows[0]?.n).toBe(50)

    const tooLong = await rejection(e.call('sensors/add', { type: '🌡'.repeat(51), location: 'x' }))
    expect(tooLong).toMatchObject({ code: 'bad_request' })
    expect(tooLong.message).toContain('type: Type must be at most 50 characters')
    const blank = await rejection(e.call('sensors/add', { type: 'a', location: '   ' }))
    expect(blank.message).toContain('location: Location is required')

    // Past the app's own check, the database's VARCHAR(50) is the final word.
    const database = await rejection(addSensor(e.driver, { type: 'x'.repeat(51), location: 'y' }))
    expect(database.detail?.sqlstate).toBe('22001')
    expect(explainSensorError(database)).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Type or location is longer than this database allows: value too long for type character varying\(50\)/,
      ) as unknown,
    })
    expect(await stored()).toHaveLength(2)
  })

  it('edits a sensor, and says so when it no longer exists', async () => {
    await e.call('sensors/seed', {})
    const edited = await e.call('sensors/update', { id: 2, type: ' c ', location: 'wall' })
    expect(edited).toEqual({ id: 2, type: 'c', location: 'wall', readings: 0, lastReadingAt: null })
    expect((await stored())[1]).toEqual({ id: 2, type: 'c', location: 'wall' })

    const hostile = await e.call('sensors/update', { id: 1, type: HOSTILE[0]!, location: 'x' })
    expect(hostile.type).toBe(HOSTILE[0])

    const gone = await rejection(e.call('sensors/update', { id: 99, type: 'a', location: 'b' }))
    expect(gone).toMatchObject({
      code: 'not_found',
      message: 'Sensor 99 does not exist (it may have just been deleted).',
    })
  })

  it('lists each sensor’s number of readings and the time of its last one', async () => {
    await e.call('sensors/seed', {})
    await loadReadings(1, 120)
    await loadReadings(3, 7)
    const sensors = await e.call('sensors/list', {})
    const start = Date.UTC(2026, 0, 1)
    expect(sensors.map((s) => [s.id, s.readings, s.lastReadingAt])).toEqual([
      [1, 120, start + 119 * 60_000],
      [2, 0, null],
      [3, 7, start + 6 * 60_000],
      [4, 0, null],
    ])
  })

  it('deletes a sensor with readings only when confirmed, and the readings with it', async () => {
    await e.call('sensors/seed', {})
    await loadReadings(1, 120)
    await loadReadings(2, 5)

    const unconfirmed = await rejection(e.call('sensors/delete', { id: 1 }))
    expect(unconfirmed).toMatchObject({
      code: 'conflict',
      message:
        'Sensor 1 (a, floor) has 120 readings. Confirm to delete them together with the sensor.',
      detail: { readings: 120 },
    })
    expect(await readingsOf(1)).toBe(120)

    expect(await e.call('sensors/delete', { id: 1, deleteReadings: true })).toEqual({
      id: 1,
      readingsDeleted: 120,
    })
    expect(await readingsOf(1)).toBe(0)
    expect(await readingsOf(2)).toBe(5)
    expect((await stored()).map((s) => s.id)).toEqual([2, 3, 4])

    // A sensor without readings needs no confirmation.
    expect(await e.call('sensors/delete', { id: 4 })).toEqual({ id: 4, readingsDeleted: 0 })
    const missing = await rejection(e.call('sensors/delete', { id: 4 }))
    expect(missing.code).toBe('not_found')
  })

  it('keeps the readings when deleting the sensor itself fails: one transaction', async () => {
    await e.call('sensors/seed', {})
    await loadReadings(1, 120)
    // Another table of the user's still points at sensor 1, so the second DELETE fails.
    await e.driver.query('CREATE TABLE sensor_notes (sensor_id INTEGER REFERENCES sensors(id))')
    await e.driver.query('INSERT INTO sensor_notes VALUES (1)')

    const error = await rejection(e.call('sensors/delete', { id: 1, deleteReadings: true }))
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(
      /^Nothing was deleted: another table still refers to this sensor\. .*sensor_notes/,
    )
    expect(await readingsOf(1)).toBe(120)
    expect((await stored()).map((s) => s.id)).toEqual([1, 2, 3, 4])
    // The session is usable afterwards (not left in an aborted transaction).
    expect((await e.call('sensors/list', {}))[0]).toMatchObject({ id: 1, readings: 120 })
  })

  it('says the schema is missing rather than failing obscurely', async () => {
    await e.dropTables('sensor_data', 'sensors')
    for (const attempt of [
      () => e.call('sensors/list', {}),
      () => e.call('sensors/add', { type: 'a', location: 'b' }),
      () => e.call('sensors/seed', {}),
      () => e.call('sensors/delete', { id: 1 }),
    ]) {
      const error = await rejection(attempt())
      expect(error).toMatchObject({
        code: 'schema_missing',
        message:
          'The sensors table does not exist in this database yet. Click "Set up schema" on the Sensors page first.',
      })
    }
  })
})
