import { relationLabel, type TableDetail, type TableRef } from '../../../shared/domain/catalog'
import { AppError } from '../../../shared/errors'
import { catalogRead, type Queryable, type QueryOptions } from '../db/driver'
import { publicColumn } from './columns'
import { readFeatures } from './features'
import {
  foreignKeysJsonSql,
  indexesJsonSql,
  parseForeignKeys,
  parseIndexes,
  parseNames,
  primaryKeyJsonSql,
  type EntryForeignKey,
} from './keys'
import { publicRelation } from './list'
import { readRelations } from './relations'
import { readTimeRange } from './time-range'
import { readCompression } from './timescale'

const MAX_NAME_SHOWN = 130

/** The error for a name the catalog does not hold (never trusted, never spliced). */
export function unknownRelation(ref: TableRef): AppError {
  return new AppError(
    'not_found',
    `There is no table or view named ${relationLabel(ref).slice(0, MAX_NAME_SHOWN)} in this database (it may have been dropped or renamed). Refresh the Database page.`,
  )
}

export function publicForeignKey(fk: EntryForeignKey): TableDetail['foreignKeys'][number] {
  const { referencedTableSmall: _small, referencedTableColumns, ...rest } = fk
  return { ...rest, referencedTableColumns: referencedTableColumns.map(publicColumn) }
}

interface KeysRow {
  primary_key: unknown
  foreign_keys: unknown
  indexes: unknown
}

/** One relation in full: the catalog's facts, keys, indexes, time range and compression. */
export async function describeTable(
  db: Queryable,
  ref: TableRef,
  options: QueryOptions = {},
): Promise<TableDetail> {
  const features = await readFeatures(db, options)
  const [entry] = await readRelations(db, features, { kind: 'exact', ...ref }, options)
  if (!entry) throw unknownRelation(ref)
  const { rows } = await db.query<KeysRow>(
    `SELECT ${primaryKeyJsonSql('$1::oid')} AS primary_key,
            ${foreignKeysJsonSql('$1::oid')} AS foreign_keys,
            ${indexesJsonSql('$1::oid')} AS indexes`,
    [entry.oid],
    catalogRead(options),
  )
  const keys = rows[0]
  const timeColumn = entry.columns.find((c) => c.name === entry.defaultTimeColumn)
  const time = timeColumn
    ? await readTimeRange(db, ref, timeColumn, entry.kind === 'hypertable', options)
    : { range: null, note: 'No column of a time type (timestamptz, timestamp or date).' }
  const compression = entry.hypertable
    ? await readCompression(db, features, entry.oid, entry.hypertable.compression, options)
    : null
  return {
    ...publicRelation(entry),
    primaryKey: parseNames(keys?.primary_key),
    foreignKeys: parseForeignKeys(keys?.foreign_keys).map(publicForeignKey),
    indexes: parseIndexes(keys?.indexes),
    timeRange: time.range,
    timeRangeNote: time.note,
    compression,
  }
}
