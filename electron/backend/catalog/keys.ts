/**
 * Primary keys, foreign keys (with the referenced table's columns) and
 * indexes, as JSON fragments a statement can embed, and their parsing.
 */
import type { IndexInfo, TableRef } from '../../../shared/domain/catalog'
import { columnsJsonSql, parseColumns, type EntryColumn } from './columns'

/** SQL: the names of the attnums in `keys` (an int2[] expression) of relation `rel`, in order. */
function attnamesSql(rel: string, keys: string): string {
  return `(SELECT json_agg(a.attname ORDER BY k.ord)
     FROM unnest(${keys}) WITH ORDINALITY k(num, ord)
     JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num)`
}

/** Largest referenced table whose values are read with SELECT DISTINCT (16 MB of heap). */
export const SMALL_TABLE_BYTES = 16 * 1024 * 1024

/**
 * SQL: the referenced table (fc) is a plain table without children (not a
 * hypertable or partitioned) small enough to read whole for its values.
 */
const SMALL_TABLE_SQL = `(fc.relkind = 'r'
              AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = fc.oid)
              AND pg_relation_size(fc.oid) <= ${SMALL_TABLE_BYTES})`

/** SQL: the relation's foreign keys, each with the referenced table and all its columns. */
export function foreignKeysJsonSql(relOid: string): string {
  return `(SELECT json_agg(json_build_object(
            'name', con.conname,
            'columns', ${attnamesSql('con.conrelid', 'con.conkey')},
            'ref_schema', fn.nspname,
            'ref_name', fc.relname,
            'ref_columns', ${attnamesSql('con.confrelid', 'con.confkey')},
            'ref_all', ${columnsJsonSql('fc.oid')},
            'ref_small', ${SMALL_TABLE_SQL}
          ) ORDER BY con.conname)
     FROM pg_constraint con
     JOIN pg_class fc ON fc.oid = con.confrelid
     JOIN pg_namespace fn ON fn.oid = fc.relnamespace
    WHERE con.conrelid = ${relOid} AND con.contype = 'f')`
}

/** SQL: the primary key's column names, or null. */
export function primaryKeyJsonSql(relOid: string): string {
  return `(SELECT ${attnamesSql('con.conrelid', 'con.conkey')}
     FROM pg_constraint con WHERE con.conrelid = ${relOid} AND con.contype = 'p')`
}

/** SQL: every index of the relation; an expression key is a null name. */
export function indexesJsonSql(relOid: string): string {
  return `(SELECT json_agg(json_build_object(
            'name', ic.relname,
            'unique', ix.indisunique,
            'primary', ix.indisprimary,
            'method', am.amname,
            'definition', pg_get_indexdef(ix.indexrelid),
            'columns', (SELECT json_agg(a.attname ORDER BY k.ord)
                          FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, ord)
                          LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num
                         WHERE k.ord <= ix.indnkeyatts)
          ) ORDER BY ic.relname)
     FROM pg_index ix
     JOIN pg_class ic ON ic.oid = ix.indexrelid
     JOIN pg_am am ON am.oid = ic.relam
    WHERE ix.indrelid = ${relOid})`
}

export interface EntryForeignKey {
  name: string
  columns: string[]
  references: TableRef
  referencedColumns: string[]
  referencedTableColumns: EntryColumn[]
  /** The referenced table can be read whole for its values (see SMALL_TABLE_BYTES). */
  referencedTableSmall: boolean
}

interface RawForeignKey {
  name: string
  columns: string[] | null
  ref_schema: string
  ref_name: string
  ref_columns: string[] | null
  ref_all: unknown
  ref_small: boolean
}

export function parseForeignKeys(json: unknown): EntryForeignKey[] {
  if (!Array.isArray(json)) return []
  return (json as RawForeignKey[]).map((fk) => ({
    name: fk.name,
    columns: fk.columns ?? [],
    references: { schema: fk.ref_schema, name: fk.ref_name },
    referencedColumns: fk.ref_columns ?? [],
    referencedTableColumns: parseColumns(fk.ref_all),
    referencedTableSmall: fk.ref_small === true,
  }))
}

interface RawIndex {
  name: string
  unique: boolean
  primary: boolean
  method: string
  definition: string
  columns: (string | null)[] | null
}

export function parseIndexes(json: unknown): IndexInfo[] {
  if (!Array.isArray(json)) return []
  return (json as RawIndex[]).map((ix) => ({
    name: ix.name,
    unique: ix.unique,
    primary: ix.primary,
    method: ix.method,
    definition: ix.definition,
    columns: (ix.columns ?? []).map((c) => c ?? '(expression)'),
  }))
}

export function parseNames(json: unknown): string[] {
  return Array.isArray(json) ? json.map(String) : []
}
