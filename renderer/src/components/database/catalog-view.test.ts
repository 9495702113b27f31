import { describe, expect, it } from 'vitest'
import type { CatalogList, CatalogRelation, RelationKind } from '../../../../shared/domain/catalog'
import { canChart, filterCatalog } from './catalog-view'

const rel = (name: string, kind: RelationKind, time = true): CatalogRelation => ({
  schema: 's',
  name,
  kind,
  rowEstimate: null,
  totalBytes: null,
  columns: [
    {
      name: 't',
      type: 'timestamptz',
      notNull: false,
      time: time ? 'timestamptz' : null,
      numeric: false,
      splittable: false,
    },
    { name: 'v', type: 'real', notNull: false, time: null, numeric: true, splittable: false },
  ],
  defaultTimeColumn: time ? 't' : null,
  hypertable: null,
  source: null,
})

const list: CatalogList = {
  schemas: [
    {
      name: 'public',
      relations: [rel('b_view', 'view'), rel('z_ht', 'hypertable'), rel('a', 'table')],
    },
    { name: 'weather_archive', relations: [rel('old', 'table')] },
    { name: 'empty', relations: [] },
  ],
  timescaledb: '2.23.0',
  truncated: false,
  readMs: 3,
}

describe('filterCatalog', () => {
  it('puts hypertables first, then tables and views, by name', () => {
    expect(filterCatalog(list, '')[0]?.relations.map((r) => r.name)).toEqual([
      'z_ht',
      'a',
      'b_view',
    ])
    expect(filterCatalog(list, '').map((s) => s.name)).toEqual([
      'public',
      'weather_archive',
      'empty',
    ])
  })

  it('keeps a matching schema whole and only matching relations of the others', () => {
    expect(filterCatalog(list, 'WEATHER').map((s) => [s.name, s.relations.length])).toEqual([
      ['weather_archive', 1],
    ])
    expect(filterCatalog(list, 'view').map((s) => s.relations.map((r) => r.name))).toEqual([
      ['b_view'],
    ])
  })

  it('says which relations can be charted', () => {
    expect(canChart(rel('x', 'table'))).toBe(true)
    expect(canChart(rel('x', 'table', false))).toBe(false)
  })
})
