import { describe, expect, it } from 'vitest'
import { describeConflict, timescaleNotice, type SchemaStatus } from './schema'

const status = (overrides: Partial<SchemaStatus>): SchemaStatus => ({
  state: 'ready',
  tables: { sensors: 'present', sensor_data: 'present' },
  differences: [],
  timescaledb: { installed: null, available: null },
  sensorData: {
    hypertable: false,
    chunks: null,
    totalBytes: 8192,
    rowEstimate: 0,
    notAnalyzed: true,
  },
  sensorIndex: true,
  timeIndex: true,
  ...overrides,
})

describe('schema messages', () => {
  it('names every column that differs, and says nothing was changed', () => {
    expect(
      describeConflict([
        { table: 'sensors', column: 'type', expected: 'character varying(50)', actual: 'text' },
        { table: 'sensor_data', column: 'cpu', expected: 'double precision', actual: null },
        { table: 'sensor_data', column: 'note', expected: null, actual: 'text' },
      ]),
    ).toBe(
      "Schema setup stopped: the existing sensors and sensor_data tables differ from the quick start's schema: " +
        'sensors.type is text (expected character varying(50)); ' +
        'sensor_data.cpu is missing (expected double precision); ' +
        "sensor_data.note (text) is not in the quick start's schema. " +
        'Nothing was changed. Rename or drop those tables yourself, or connect to another database.',
    )
  })

  it('explains a plain sensor_data, and offers TimescaleDB when the server has it', () => {
    expect(timescaleNotice(status({}))).toBe(
      'sensor_data is a regular PostgreSQL table because TimescaleDB is not installed in this database. ' +
        'Loads and charts still work (charts bucket with date_bin).',
    )
    expect(
      timescaleNotice(status({ timescaledb: { installed: null, available: '2.17.2' } })),
    ).toContain(
      'This server offers TimescaleDB 2.17.2: enable it to make sensor_data a hypertable.',
    )
    expect(timescaleNotice(status({ state: 'missing', sensorData: null }))).toMatch(
      /^Set up schema will create sensor_data as a regular PostgreSQL table because/,
    )
  })

  it('has nothing to say about a hypertable, and offers conversion of a plain table', () => {
    const ts = { installed: '2.23.0', available: '2.23.0' }
    expect(
      timescaleNotice(
        status({
          timescaledb: ts,
          sensorData: {
            hypertable: true,
            chunks: 3,
            totalBytes: 1,
            rowEstimate: 1,
            notAnalyzed: false,
          },
        }),
      ),
    ).toBeNull()
    expect(timescaleNotice(status({ timescaledb: ts, state: 'convertible' }))).toContain(
      'Set up schema converts it to a hypertable, keeping its rows.',
    )
    expect(
      timescaleNotice(status({ timescaledb: ts, state: 'missing', sensorData: null })),
    ).toBeNull()
  })
})
