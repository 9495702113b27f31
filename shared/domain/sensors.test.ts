import { describe, expect, it } from 'vitest'
import { characterCount, SensorFieldsSchema, SensorDeleteSchema, sensorName } from './sensors'

describe('sensor text', () => {
  it('counts characters as PostgreSQL does: code points, not UTF-16 units', () => {
    expect(characterCount('abc')).toBe(3)
    expect(characterCount('🌡')).toBe(1)
    expect('🌡'.length).toBe(2)
    expect(characterCount('é')).toBe(1)
    // Combining marks are characters of their own to PostgreSQL too.
    expect(characterCount('e\u0301')).toBe(2)
  })

  it('trims both sides and keeps everything else literally', () => {
    const parsed = SensorFieldsSchema.parse({
      type: "  '); DROP TABLE sensors;--  ",
      location: '\t<img src=x onerror=alert(1)>\n',
    })
    expect(parsed).toEqual({
      type: "'); DROP TABLE sensors;--",
      location: '<img src=x onerror=alert(1)>',
    })
  })

  it('allows 1 to 50 characters after trimming', () => {
    const ok = SensorFieldsSchema.safeParse({
      type: '🌡'.repeat(50),
      location: ` ${'x'.repeat(50)} `,
    })
    expect(ok.success).toBe(true)
    const long = SensorFieldsSchema.safeParse({ type: '🌡'.repeat(51), location: 'x' })
    expect(long.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['type', 'Type must be at most 50 characters'],
    ])
    const empty = SensorFieldsSchema.safeParse({ type: 'a', location: '   ' })
    expect(empty.error?.issues.map((i) => i.message)).toEqual(['Location is required'])
  })

  it('refuses NUL, which PostgreSQL text cannot hold, and huge input before trimming it', () => {
    const nul = SensorFieldsSchema.safeParse({ type: 'a\u0000b', location: 'x' })
    expect(nul.error?.issues[0]?.message).toBe('Type cannot contain a NUL character')
    const huge = SensorFieldsSchema.safeParse({ type: ' '.repeat(5000), location: 'x' })
    expect(huge.error?.issues[0]?.message).toBe('Type is too long')
  })

  it('deletes readings only when asked to', () => {
    expect(SensorDeleteSchema.parse({ id: 3 })).toEqual({ id: 3, deleteReadings: false })
    expect(SensorDeleteSchema.safeParse({ id: 0 }).success).toBe(false)
    expect(SensorDeleteSchema.safeParse({ id: 2 ** 31 }).success).toBe(false)
  })
})

describe('a sensor named for a button', () => {
  it('says its id, type and location, with a dash for a NULL', () => {
    expect(sensorName({ id: 3, type: 'a', location: 'floor' })).toBe('sensor 3 (a · floor)')
    expect(sensorName({ id: 7, type: null, location: 'roof' })).toBe('sensor 7 (— · roof)')
  })
})
