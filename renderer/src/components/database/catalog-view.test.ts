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

describe('continuous aggregates in the tree', () => {
  it('lists each aggregate right under the hypertable it reads', () => {
    const agg = (name: string, source: string) => ({
      ...rel(name, 'continuous_aggregate'),
      source: { schema: 's', name: source },
    })
    const schemas = filterCatalog(
      {
        ...list,
        schemas: [
          {
            name: 's',
            relations: [
              rel('b_ht', 'hypertable'),
              agg('a_day', 'b_ht'),
              rel('a_ht', 'hypertable'),
              agg('z_1h', 'a_ht'),
              agg('orphan', 'elsewhere'),
              rel('t', 'table'),
            ],
          },
        ],
      },
      '',
    )
    expect(schemas[0]?.relations.map((r) => r.name)).toEqual([
      'a_ht',
      'z_1h',
      'b_ht',
      'a_day',
      'orphan',
      't',
    ])
  })
})
