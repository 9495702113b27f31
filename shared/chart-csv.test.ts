import { describe, expect, it } from 'vitest'
import { csvCell, csvRow } from './chart-csv'

describe('the chart CSV dialect', () => {
  it('guards text a spreadsheet would run as a formula, and quotes what needs quoting', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvCell('@cmd')).toBe("'@cmd")
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('writes a raw row with NULL empty, numbers as the database wrote them, CRLF at the end', () => {
    expect(csvRow(['2026-03-08T00:30:00.000000-05:00', '3', '-12.625'])).toBe(
      '2026-03-08T00:30:00.000000-05:00,3,-12.625\r\n',
    )
    expect(csvRow(['-1e-7', '+4', '.5', null, ''])).toBe('-1e-7,+4,.5,,\r\n')
    // Text that only looks like a sign is still guarded.
    expect(csvRow(['-x', '+cmd|x', 'floor, west'])).toBe(`'-x,'+cmd|x,"floor, west"\r\n`)
  })
})
