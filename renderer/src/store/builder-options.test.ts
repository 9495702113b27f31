import { describe, expect, it } from 'vitest'
import type { TableDetail } from '../../../shared/domain/catalog'
import { builderOptions, chartable, defaultSpec } from './builder-options'
import { catalogColumn as col } from './catalog-column.fixture'

const metrics: TableDetail = {
  schema: 'public',
  name: 'metrics',
  kind: 'hypertable',
  rowEstimate: 12960,
  totalBytes: 1_000_000,
  columns: [
    col('ts', 'timestamp with time zone', { time: 'timestamptz' }),
    col('host_id', 'integer', { numeric: true, splittable: true, time: 'integer' }),
    col('metric', 'text', { splittable: true }),
    col('value', 'double precision', { numeric: true }),
  ],
  defaultTimeColumn: 'ts',
  hypertable: null,
  source: null,
  primaryKey: [],
  foreignKeys: [
    {
      name: 'metrics_host_id_fkey',
      columns: ['host_id'],
      references: { schema: 'public', name: 'hosts' },
      referencedColumns: ['id'],
      referencedTableColumns: [
        col('id', 'integer', { numeric: true, splittable: true }),
        col('name', 'text', { splittable: true }),
        col('region', 'text', { splittable: true }),
      ],
    },
  ],
  indexes: [],
  timeRange: null,
  timeRangeNote: null,
  compression: null,
}

describe('builderOptions', () => {
  it('offers time columns, numbers, and split columns through foreign keys', () => {
    const o = builderOptions(metrics)
    expect(o.time.map((t) => t.column)).toEqual(['ts', 'host_id'])
    expect(o.measures.map((c) => c.name)).toEqual(['host_id', 'value'])
    expect(o.splits.map((s) => s.label)).toEqual([
      'host_id',
      'metric',
      'host_id → hosts.name',
      'host_id → hosts.region',
    ])
    expect(o.splits[3]?.ref).toEqual({ via: 'host_id', column: 'region' })
    expect(o.splits[3]?.value).toBe('host_id→region')
  })

  it('starts a chart on the default time column and the first reading, not a key', () => {
    expect(defaultSpec(metrics)).toEqual({
      table: { schema: 'public', name: 'metrics' },
      time: { column: 'ts' },
      measures: [{ column: 'value', aggregate: 'avg' }],
      split: null,
      filters: [],
    })
    expect(chartable(metrics)).toBe(true)
    const noTime = { ...metrics, columns: metrics.columns.slice(2), defaultTimeColumn: null }
    expect(chartable(noTime)).toBe(false)
    expect(defaultSpec(noTime)).toBeNull()
  })
})
