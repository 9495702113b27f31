import { describe, expect, it } from 'vitest'
import { filePieces, firstRecord, headerProblem, readCsvHeader } from './csv-file'

describe('reading a picked CSV file', () => {
  it('finds the first record, ignoring newlines inside quotes', () => {
    expect(firstRecord('time,sensor_id\n1,2\n')).toBe('time,sensor_id')
    expect(firstRecord('"a\nb",c\r\nx')).toBe('"a\nb",c\r')
    expect(firstRecord('no newline yet')).toBeNull()
  })

  it('reads only the header and suggests a mapping', async () => {
    const file = new File(['Timestamp,Sensor,Temp_C\n2026-01-01T00:00:00Z,1,20\n'], 'r.csv')
    expect(await readCsvHeader(file)).toEqual({
      names: ['Timestamp', 'Sensor', 'Temp_C'],
      suggested: ['time', 'sensor_id', 'temperature'],
    })
    const headerOnly = new File(['time,sensor_id'], 'h.csv')
    expect((await readCsvHeader(headerOnly)).names).toEqual(['time', 'sensor_id'])
  })

  it('explains a header with too few or too many columns', () => {
    expect(headerProblem('x.csv', ['a'])).toMatch(/^x\.csv has 1 column in its header/)
    expect(headerProblem('x.csv', ['a', 'b', 'c', 'd', 'e'])).toMatch(/has 5 columns/)
    expect(headerProblem('x.csv', ['time', 'sensor_id'])).toBeNull()
  })

  it('cuts the file into pieces, marking the last', async () => {
    const file = new Blob([new Uint8Array(10).fill(7)])
    const pieces = []
    for await (const piece of filePieces(file, 4)) pieces.push(piece)
    expect(pieces.map((p) => [p.bytes.byteLength, p.last, p.end])).toEqual([
      [4, false, 4],
      [4, false, 8],
      [2, true, 10],
    ])
  })
})
