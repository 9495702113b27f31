import {
  MAX_CATALOG_RELATIONS,
  type CatalogList,
  type CatalogRelation,
  type CatalogSchema,
} from '../../../shared/domain/catalog'
import type { Queryable, QueryOptions } from '../db/driver'
import { publicColumn } from './columns'
import { readFeatures } from './features'
import { readRelations, USER_SCHEMA_SQL, type RelationEntry } from './relations'

export function publicRelation(entry: RelationEntry): CatalogRelation {
  const { oid: _oid, columns, ...rest } = entry
  return { ...rest, columns: columns.map(publicColumn) }
}

/**
 * The Database page's tree: every user schema (an empty one too), each with
 * its relations. Three statements whatever the size of the database.
 */
export async function readCatalog(
  db: Queryable,
  filter: string,
  options: QueryOptions = {},
): Promise<CatalogList> {
  const started = performance.now()
  const features = await readFeatures(db, options)
  const entries = await readRelations(
    db,
    features,
    { kind: 'filter', text: filter.trim(), limit: MAX_CATALOG_RELATIONS + 1 },
    options,
  )
  const truncated = entries.length > MAX_CATALOG_RELATIONS
  const { rows } = await db.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMA_SQL} ORDER BY 1`,
    [],
    options,
  )
  const bySchema = new Map<string, CatalogSchema>()
  // With a filter, only schemas that match or hold a match.
  const needle = filter.trim().toLowerCase()
  for (const { name } of rows) {
    if (!needle || name.toLowerCase().includes(needle)) {
      bySchema.set(name, { name, relations: [] })
    }
  }
  for (const entry of entries.slice(0, MAX_CATALOG_RELATIONS)) {
    let schema = bySchema.get(entry.schema)
    if (!schema) {
      schema = { name: entry.schema, relations: [] }
      bySchema.set(entry.schema, schema)
    }
    schema.relations.push(publicRelation(entry))
  }
  const schemas = [...bySchema.values()].sort((a, b) => (a.name < b.name ? -1 : 1))
  return {
    schemas,
    timescaledb: features.timescaledb,
    truncated,
    readMs: Math.round((performance.now() - started) * 10) / 10,
  }
}
