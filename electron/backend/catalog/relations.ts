/**
 * The catalog's one relation statement: every user relation (or one, by
 * name) with its kind, row estimate, total size, columns and, with
 * TimescaleDB, its hypertable or continuous-aggregate facts. System catalogs
 * and timescaledb_information only; no user table is read.
 */
import type { CatalogRelation, RelationKind } from '../../../shared/domain/catalog'
import { catalogRead, type Queryable, type QueryOptions } from '../db/driver'
import { columnsCteSql, defaultTimeColumn, parseColumns, type EntryColumn } from './columns'
import type { ServerFeatures } from './features'
import { factsKey, readTimescaleFacts, type TimescaleFacts } from './timescale'

/**
 * Schemas that are PostgreSQL's or an extension's own (TimescaleDB keeps its
 * chunks and catalog in such schemas) are not the user's data.
 */
export const USER_SCHEMA_SQL = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^(pg_toast|pg_temp_|_timescaledb_|timescaledb_)'
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                   WHERE dep.classid = 'pg_namespace'::regclass AND dep.objid = n.oid
                     AND dep.deptype = 'e')`

export type RelationWhere =
  { kind: 'filter'; text: string; limit: number } | { kind: 'exact'; schema: string; name: string }

export interface RelationRow {
  oid: number | string
  schema: string
  name: string
  relkind: string
  row_estimate: number | null
  total_bytes: number | null
  columns: unknown
}

/**
 * Sizes: one relation's exactly (pg_total_relation_size reads its files);
 * a whole catalog's from pg_class's page counts, which VACUUM and ANALYZE
 * keep (unknown for a table never analysed), so thousands of tables cost
 * no file access at all.
 */
function sizeSql(exact: boolean): string {
  if (exact) {
    return `CASE WHEN c.relkind = 'p' THEN
              (SELECT sum(pg_total_relation_size(pt.relid)) FROM pg_partition_tree(c.oid) pt)
            WHEN c.relkind IN ('r', 'm') THEN pg_total_relation_size(c.oid)
       END::float8`
  }
  return `CASE WHEN c.relkind = 'p' THEN
              (SELECT sum(pc.relpages) FROM pg_partition_tree(c.oid) pt
                 JOIN pg_class pc ON pc.oid = pt.relid)::float8 * current_setting('block_size')::int
            WHEN c.relkind IN ('r', 'm') AND c.reltuples >= 0 THEN
              (c.relpages + COALESCE(toast.relpages, 0) + COALESCE(idx.pages, 0))::float8
                * current_setting('block_size')::int
       END`
}

export function relationsStatement(where: RelationWhere): { sql: string; params: unknown[] } {
  const exact = where.kind === 'exact'
  const match = exact
    ? 'n.nspname = $1 AND c.relname = $2'
    : `($1 = '' OR strpos(lower(n.nspname || '.' || c.relname), lower($1)) > 0)`
  const sql = `WITH rel AS (
  SELECT c.oid, c.relname, c.relnamespace, c.relkind, c.reltuples, c.relpages, c.reltoastrelid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
     AND ${USER_SCHEMA_SQL}
     AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                      WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                        AND dep.deptype = 'e')
     AND ${match}
   ORDER BY n.nspname, c.relname${exact ? '' : '\n   LIMIT $2'}
),
${columnsCteSql('rel')},
idx AS (
  SELECT ix.indrelid, sum(ic.relpages) AS pages
    FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid
   WHERE ix.indrelid IN (SELECT oid FROM rel)
   GROUP BY ix.indrelid
)
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
       CASE WHEN c.relkind = 'p' THEN
              (SELECT sum(GREATEST(pc.reltuples, 0)) FROM pg_partition_tree(c.oid) pt
                 JOIN pg_class pc ON pc.oid = pt.relid WHERE pt.isleaf)
            WHEN c.relkind IN ('r', 'm', 'f') THEN c.reltuples
       END::float8 AS row_estimate,
       ${sizeSql(exact)} AS total_bytes,
       cols.columns
  FROM rel c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN cols ON cols.attrelid = c.oid
  LEFT JOIN idx ON idx.indrelid = c.oid
  LEFT JOIN pg_class toast ON toast.oid = c.reltoastrelid
 ORDER BY n.nspname, c.relname`
  const params = exact ? [where.schema, where.name] : [where.text, where.limit]
  return { sql, params }
}

function kindOf(row: RelationRow, ts: TimescaleFacts | undefined): RelationKind {
  if (ts) return ts.kind
  switch (row.relkind) {
    case 'p':
      return 'partitioned_table'
    case 'v':
      return 'view'
    case 'm':
      return 'materialized_view'
    case 'f':
      return 'foreign_table'
    default:
      return 'table'
  }
}

function estimate(row: RelationRow, ts: TimescaleFacts | undefined): number | null {
  const n = ts ? ts.rows : row.row_estimate
  if (n === null || n === undefined) return null
  const value = Number(n)
  // -1 before the first ANALYZE; a hypertable's chunks say 0 until analysed.
  if (value < 0 || (value === 0 && ts?.kind === 'hypertable' && ts.chunks > 0)) return null
  return Math.round(value)
}

/** A relation as the backend keeps it: the renderer's view plus its oid and full columns. */
export interface RelationEntry extends Omit<CatalogRelation, 'columns'> {
  oid: number
  columns: EntryColumn[]
}

export function toRelationEntry(row: RelationRow, ts?: TimescaleFacts): RelationEntry {
  const columns = parseColumns(row.columns)
  const bytes = ts ? ts.bytes : row.total_bytes
  return {
    oid: Number(row.oid),
    schema: row.schema,
    name: row.name,
    kind: kindOf(row, ts),
    rowEstimate: estimate(row, ts),
    totalBytes: bytes === null || bytes === undefined ? null : Number(bytes),
    columns,
    defaultTimeColumn: defaultTimeColumn(columns, ts?.dimColumn ?? null),
    hypertable:
      ts?.kind === 'hypertable' && ts.dimColumn
        ? {
            timeColumn: ts.dimColumn,
            timeType: ts.dimType ?? '',
            chunkInterval: ts.chunkInterval,
            dimensions: ts.dimensions,
            chunks: ts.chunks,
            compression: ts.compression,
          }
        : null,
    source: ts?.source ?? null,
  }
}

export async function readRelations(
  db: Queryable,
  features: ServerFeatures,
  where: RelationWhere,
  options: QueryOptions = {},
): Promise<RelationEntry[]> {
  const { sql, params } = relationsStatement(where)
  const { rows } = await db.query<RelationRow>(sql, params, catalogRead(options))
  const only = where.kind === 'exact' ? { schema: where.schema, name: where.name } : null
  const facts = await readTimescaleFacts(db, features, only, options)
  return rows.map((row) => toRelationEntry(row, facts.get(factsKey(row.schema, row.name))))
}
