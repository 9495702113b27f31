import { describe, expect, it } from 'vitest'
import { ImportStartSchema, mapsByName, parseCsvHeader, suggestMapping } from './csv-import'

describe('parseCsvHeader', () => {
  it('splits names, honouring quotes, escaped quotes, a BOM and CRLF', () => {
    expect(parseCsvHeader('time,sensor_id,temperature,cpu\r\n')).toEqual([
      'time',
      'sensor_id',
      'temperature',
      'cpu',
    ])
    expect(parseCsvHeader('\uFEFF"a, b","say ""hi""", c ')).toEqual(['a, b', 'say "hi"', 'c'])
  })
})

describe('suggestMapping', () => {
  it('maps exact names and common aliases, leaving unknown columns to the user', () => {
    expect(suggestMapping(['Timestamp', 'Sensor', 'Temp', 'Load', 'humidity'])).toEqual([
      'time',
      'sensor_id',
      'temperature',
      'cpu',
      null,
    ])
    expect(suggestMapping(['id', 'sensor_id'])).toEqual(['sensor_id', null])
  })

  it('knows when no mapping step is needed', () => {
    expect(mapsByName(['time', 'sensor_id', 'temperature', 'cpu'])).toBe(true)
    expect(mapsByName(['cpu', 'time', 'sensor_id'])).toBe(true)
    expect(mapsByName(['ts', 'sensor_id'])).toBe(false)
    expect(mapsByName(['time', 'time'])).toBe(false)
  })
})

describe('ImportStartSchema', () => {
  const base = { fileName: 'x.csv', totalBytes: 10 }
  it('needs time and sensor_id, each target once', () => {
    expect(ImportStartSchema.safeParse({ ...base, columns: ['time', 'sensor_id'] }).success).toBe(
      true,
    )
    expect(ImportStartSchema.safeParse({ ...base, columns: ['time', 'cpu'] }).success).toBe(false)
    expect(
      ImportStartSchema.safeParse({ ...base, columns: ['time', 'sensor_id', 'time'] }).success,
    ).toBe(false)
    expect(
      ImportStartSchema.safeParse({ ...base, columns: ['time', 'sensor_id', 'humidity'] }).success,
    ).toBe(false)
  })
})
