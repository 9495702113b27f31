/**
 * The catalog entry a chart or a split-values list is built from: the
 * relation, its columns, its foreign keys with the referenced tables'
 * columns, and what the server can do, in one statement. Every name in a
 * request is resolved against this; nothing the renderer says reaches SQL
 * unless the catalog holds it.
 */
import { relationLabel, type ColumnRef, type TableRef } from '../../../shared/domain/catalog'
import { AppError } from '../../../shared/errors'
import type { Queryable, QueryOptions } from '../db/driver'
import { columnsJsonSql, parseColumns, type EntryColumn } from './columns'
import { unknownRelation } from './describe'
import { FEATURE_COLUMNS, featuresOf, type FeatureRow, type ServerFeatures } from './features'
import { foreignKeysJsonSql, parseForeignKeys, type EntryForeignKey } from './keys'
import { USER_SCHEMA_SQL } from './relations'

export interface CatalogEntry {
  ref: TableRef
  oid: number
  /** pg_class.relkind: r, p, v, m or f. */
  relkind: string
  columns: EntryColumn[]
  foreignKeys: EntryForeignKey[]
  features: ServerFeatures
}

interface EntryRow extends FeatureRow {
  oid: number | string
  relkind: string
  columns: unknown
  foreign_keys: unknown
}

export async function lookupEntry(
  db: Queryable,
  ref: TableRef,
  options: QueryOptions = {},
): Promise<CatalogEntry> {
  const { rows } = await db.query<EntryRow>(
    `SELECT c.oid::int8 AS oid, c.relkind::text AS relkind,
       ${columnsJsonSql('c.oid')} AS columns,
       ${foreignKeysJsonSql('c.oid')} AS foreign_keys,
       ${FEATURE_COLUMNS}
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND ${USER_SCHEMA_SQL}`,
    [ref.schema, ref.name],
    // One relation's: no switch of the session's JIT on the chart path (pg-jit.ts).
    options,
  )
  const row = rows[0]
  if (!row) throw unknownRelation(ref)
  return {
    ref: { schema: ref.schema, name: ref.name },
    oid: Number(row.oid),
    relkind: row.relkind,
    columns: parseColumns(row.columns),
    foreignKeys: parseForeignKeys(row.foreign_keys),
    features: featuresOf(row),
  }
}

const shown = (name: string) => JSON.stringify(name.slice(0, 70))

/** A column reference resolved against the catalog: the column, and the key it is reached by. */
export interface ResolvedColumn {
  column: EntryColumn
  /** The single-column foreign key a referenced column is reached through; null for own columns. */
  via: EntryForeignKey | null
}

export function findColumn(entry: CatalogEntry, name: string): EntryColumn {
  const column = entry.columns.find((c) => c.name === name)
  if (!column) {
    throw new AppError(
      'invalid_input',
      `${relationLabel(entry.ref).slice(0, 130)} has no column ${shown(name)}. Refresh the Database page: the table may have changed.`,
    )
  }
  return column
}

/** The foreign key whose only column is `name`, or null when the column is not one. */
export function foreignKeyOf(entry: CatalogEntry, name: string): EntryForeignKey | null {
  return entry.foreignKeys.find((fk) => fk.columns.length === 1 && fk.columns[0] === name) ?? null
}

export function resolveColumn(entry: CatalogEntry, ref: ColumnRef): ResolvedColumn {
  if (ref.via === undefined) return { column: findColumn(entry, ref.column), via: null }
  findColumn(entry, ref.via)
  const fk = foreignKeyOf(entry, ref.via)
  if (!fk) {
    throw new AppError(
      'invalid_input',
      `${shown(ref.via)} is not a single-column foreign key of ${relationLabel(entry.ref).slice(0, 130)}, so no column can be reached through it.`,
    )
  }
  const column = fk.referencedTableColumns.find((c) => c.name === ref.column)
  if (!column) {
    throw new AppError(
      'invalid_input',
      `${relationLabel(fk.references).slice(0, 130)} (referenced by ${shown(ref.via)}) has no column ${shown(ref.column)}.`,
    )
  }
  return { column, via: fk }
}

/** A split-by or filter column must be of a type whose values can name a series. */
export function resolveSplittable(entry: CatalogEntry, ref: ColumnRef): ResolvedColumn {
  const resolved = resolveColumn(entry, ref)
  if (!resolved.column.splittable) {
    throw new AppError(
      'invalid_input',
      `${shown(resolved.column.name)} is of type ${resolved.column.type.slice(0, 60)}: split and filter by a text, integer, boolean, uuid or enum column.`,
    )
  }
  return resolved
}
