import { describe, expect, it } from 'vitest'
import {
  dateOfDayNumber,
  dayNumber,
  instantToLocalWall,
  isoWithOffset,
  isValidTimeZone,
  localDateOf,
  localMidnight,
  localWallToInstant,
  zoneOffsetMs,
} from './time-zone'

describe('time zones', () => {
  it('knows offsets, including DST and half-hour zones', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-5 * 3_600_000)
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-4 * 3_600_000)
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'Asia/Kolkata')).toBe(5.5 * 3_600_000)
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'UTC')).toBe(0)
  })

  it('reads UTC without Intl exactly as Intl reads a zone that is always UTC+0', () => {
    // Africa/Abidjan has been UTC+0 since 1912 and goes through Intl; UTC and its aliases do not.
    for (let t = Date.UTC(1913, 0, 1, 0, 0, 7); t < Date.UTC(2100, 0, 1); t += 86_400_000 * 97.3) {
      const abidjan = {
        date: localDateOf(t, 'Africa/Abidjan'),
        wall: instantToLocalWall(t, 'Africa/Abidjan'),
      }
      for (const utc of ['UTC', 'Etc/UTC', 'GMT']) {
        expect({ date: localDateOf(t, utc), wall: instantToLocalWall(t, utc) }).toEqual(abidjan)
        expect(zoneOffsetMs(t, utc)).toBe(0)
      }
    }
  })

  it('finds the local date of an instant', () => {
    expect(localDateOf(Date.UTC(2026, 0, 1, 3), 'America/New_York')).toEqual({
      year: 2025,
      month: 12,
      day: 31,
    })
  })

  it('finds local midnight on ordinary and DST days', () => {
    const ny = 'America/New_York'
    expect(new Date(localMidnight({ year: 2026, month: 3, day: 8 }, ny)).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    )
    expect(new Date(localMidnight({ year: 2026, month: 11, day: 2 }, ny)).toISOString()).toBe(
      '2026-11-02T05:00:00.000Z',
    )
    expect(
      new Date(localMidnight({ year: 2026, month: 1, day: 1 }, 'Asia/Kolkata')).toISOString(),
    ).toBe('2025-12-31T18:30:00.000Z')
  })

  it('starts a day whose midnight does not exist at the jump', () => {
    // Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06.
    const start = localMidnight({ year: 2026, month: 9, day: 6 }, 'America/Santiago')
    expect(localDateOf(start, 'America/Santiago')).toEqual({ year: 2026, month: 9, day: 6 })
    expect(localDateOf(start - 1000, 'America/Santiago').day).toBe(5)
  })

  it('round-trips day numbers', () => {
    const date = { year: 2000, month: 1, day: 3 }
    expect(dateOfDayNumber(dayNumber(date))).toEqual(date)
    expect(dayNumber({ year: 1970, month: 1, day: 2 })).toBe(1)
  })

  it('rejects unknown zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false)
  })

  it('writes ISO 8601 with the zone’s offset, and reads wall clocks back to instants', () => {
    const t = Date.UTC(2026, 0, 10, 0, 0)
    expect(isoWithOffset(t, 'Asia/Kolkata')).toBe('2026-01-10T05:30:00.000+05:30')
    expect(isoWithOffset(t, 'UTC')).toBe('2026-01-10T00:00:00.000+00:00')
    expect(isoWithOffset(t, 'America/St_Johns')).toBe('2026-01-09T20:30:00.000-03:30')
    expect(Date.parse(isoWithOffset(t + 123, 'America/St_Johns'))).toBe(t + 123)
    expect(localWallToInstant(Date.UTC(2026, 0, 10, 5, 30), 'Asia/Kolkata')).toBe(t)
    expect(instantToLocalWall(t, 'Asia/Kolkata')).toBe(Date.UTC(2026, 0, 10, 5, 30))
    // 01:30 on New York's fall-back night happens twice: the first one (EDT).
    expect(localWallToInstant(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York')).toBe(
      Date.UTC(2026, 10, 1, 5, 30),
    )
  })
})
