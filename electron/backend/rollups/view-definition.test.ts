import { describe, expect, it } from 'vitest'
import { parseViewDefinition } from './view-definition'

describe('parseViewDefinition', () => {
  it('reads the bucket, group columns and stored aggregates as TimescaleDB 2.28 prints them', () => {
    const parsed =
      parseViewDefinition(` SELECT time_bucket('01:00:00'::interval, sd."time") AS bucket,
    sd.sensor_id,
    sum(sd.temperature) AS s,
    count(sd.temperature) AS c,
    min(sd.temperature) AS mi,
    max(sd.temperature) AS ma,
    count(*) AS n
   FROM sd
  GROUP BY (time_bucket('01:00:00'::interval, sd."time")), sd.sensor_id;`)
    expect(parsed.bucketColumn).toBe('bucket')
    expect(parsed.timeColumn).toBe('time')
    expect(parsed.groupColumns).toEqual([{ column: 'sensor_id', source: 'sensor_id' }])
    expect(parsed.columns).toEqual([
      { column: 's', fn: 'sum', source: 'temperature' },
      { column: 'c', fn: 'count', source: 'temperature' },
      { column: 'mi', fn: 'min', source: 'temperature' },
      { column: 'ma', fn: 'max', source: 'temperature' },
      { column: 'n', fn: 'count', source: null },
    ])
  })

  it('unquotes hostile names, aliases, zoned buckets and first/last; skips what it cannot read', () => {
    const parsed =
      parseViewDefinition(` SELECT time_bucket('1 day'::interval, w."Time Stamp", 'Europe/Berlin'::text) AS "day, local",
    w."select" AS "by",
    sum(w."va""lue") AS "Σ",
    last(w."va""lue", w."Time Stamp") AS last_v,
    avg(w."va""lue") AS mean,
    sum(w.a + w.b) AS ab
   FROM w
  GROUP BY 1, 2;`)
    expect(parsed.bucketColumn).toBe('day, local')
    expect(parsed.timeColumn).toBe('Time Stamp')
    expect(parsed.groupColumns).toEqual([{ column: 'by', source: 'select' }])
    expect(parsed.columns).toEqual([
      { column: 'Σ', fn: 'sum', source: 'va"lue' },
      { column: 'last_v', fn: 'last', source: 'va"lue' },
    ])
  })
})
