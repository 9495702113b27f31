/** The Database page's tree, as pure functions of the catalog: order, filter, labels. */
import {
  relationKinds,
  type CatalogList,
  type CatalogRelation,
  type CatalogSchema,
  type RelationKind,
} from '../../../../shared/domain/catalog'

/** Hypertables first (marked as such), then continuous aggregates, tables and views. */
export const KIND_ORDER: readonly RelationKind[] = relationKinds

export const KIND_LABELS: Record<RelationKind, string> = {
  hypertable: 'hypertable',
  continuous_aggregate: 'continuous aggregate',
  table: 'table',
  partitioned_table: 'partitioned table',
  view: 'view',
  materialized_view: 'materialized view',
  foreign_table: 'foreign table',
}

function byKindThenName(a: CatalogRelation, b: CatalogRelation): number {
  const k = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
  return k !== 0 ? k : a.name.localeCompare(b.name)
}

/** Each continuous aggregate right after the hypertable it reads (when that is listed). */
function aggregatesUnderTheirTable(relations: CatalogRelation[]): CatalogRelation[] {
  const sorted = [...relations].sort(byKindThenName)
  const listed = new Set(sorted.map((r) => r.name))
  const isChild = (r: CatalogRelation) =>
    r.kind === 'continuous_aggregate' &&
    r.source !== null &&
    r.source.schema === r.schema &&
    listed.has(r.source.name)
  const out: CatalogRelation[] = []
  for (const r of sorted) {
    if (isChild(r)) continue
    out.push(r, ...sorted.filter((c) => isChild(c) && c.source?.name === r.name))
  }
  return out
}

/**
 * The schemas to show for a filter (case-insensitive, on schema or relation
 * name): a schema whose name matches keeps all its relations; otherwise only
 * the matching ones, and a schema with none is left out.
 */
export function filterCatalog(list: CatalogList, text: string): CatalogSchema[] {
  const needle = text.trim().toLowerCase()
  const schemas: CatalogSchema[] = []
  for (const schema of list.schemas) {
    const whole = !needle || schema.name.toLowerCase().includes(needle)
    const relations = whole
      ? schema.relations
      : schema.relations.filter((r) => r.name.toLowerCase().includes(needle))
    if (whole || relations.length > 0) {
      schemas.push({ name: schema.name, relations: aggregatesUnderTheirTable(relations) })
    }
  }
  return schemas
}

/** A relation can be charted when it has a time column and a number. */
export function canChart(relation: Pick<CatalogRelation, 'columns'>): boolean {
  return relation.columns.some((c) => c.time) && relation.columns.some((c) => c.numeric)
}
