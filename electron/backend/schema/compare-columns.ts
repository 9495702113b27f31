/**
 * How an existing quick-start table differs from the one the quick start
 * creates, column by column (format_type() spellings, NOT NULL, SERIAL).
 */
import type { ColumnDifference, QuickStartTable } from '../../../shared/domain/schema'

interface ExpectedColumn {
  name: string
  type: string
  notNull?: boolean
  /** SERIAL: filled by a default (or identity) so INSERTs may leave it out. */
  autoNumbered?: boolean
}

/** The quick start's columns as format_type() spells them. */
const EXPECTED: Record<QuickStartTable, ExpectedColumn[]> = {
  sensors: [
    { name: 'id', type: 'integer', autoNumbered: true },
    { name: 'type', type: 'character varying(50)' },
    { name: 'location', type: 'character varying(50)' },
  ],
  sensor_data: [
    { name: 'time', type: 'timestamp with time zone', notNull: true },
    { name: 'sensor_id', type: 'integer' },
    { name: 'temperature', type: 'double precision' },
    { name: 'cpu', type: 'double precision' },
  ],
}

export interface ColumnRow {
  table_name: QuickStartTable
  oid: number
  relkind: string
  schema_name: string
  column_name: string | null
  column_type: string | null
  not_null: boolean | null
  has_default: boolean | null
}

export interface TableFound {
  oid: number
  schema: string
  relkind: string
  columns: ColumnRow[]
}

const RELKIND_NAMES: Record<string, string> = {
  v: 'is a view, not a table',
  m: 'is a materialized view, not a table',
  f: 'is a foreign table',
  p: 'is a partitioned table',
  S: 'is a sequence, not a table',
  i: 'is an index, not a table',
  I: 'is an index, not a table',
  c: 'is a composite type, not a table',
}

/** How an existing table differs from the quick start's, column by column. */
export function compareColumns(table: QuickStartTable, found: TableFound): ColumnDifference[] {
  if (found.relkind !== 'r') {
    const actual = RELKIND_NAMES[found.relkind] ?? `is not a table (relkind ${found.relkind})`
    return [{ table, column: null, expected: 'a table', actual }]
  }
  const differences: ColumnDifference[] = []
  const columns = found.columns.filter((c) => c.column_name !== null)
  for (const want of EXPECTED[table]) {
    const have = columns.find((c) => c.column_name === want.name)
    const expected = describeExpected(want)
    if (!have) {
      differences.push({ table, column: want.name, expected, actual: null })
      continue
    }
    const typeDiffers = have.column_type !== want.type
    const nullDiffers = want.notNull === true && have.not_null !== true
    const defaultDiffers = want.autoNumbered === true && have.has_default !== true
    if (typeDiffers || nullDiffers || defaultDiffers) {
      let actual = have.column_type ?? 'unknown'
      if (!typeDiffers && nullDiffers) actual += ', nullable'
      if (!typeDiffers && defaultDiffers) actual += ' without a default'
      differences.push({ table, column: want.name, expected, actual })
    }
  }
  for (const have of columns) {
    if (!EXPECTED[table].some((want) => want.name === have.column_name)) {
      differences.push({
        table,
        column: have.column_name,
        expected: null,
        actual: have.column_type ?? 'unknown',
      })
    }
  }
  return differences
}

function describeExpected(want: ExpectedColumn): string {
  if (want.notNull) return `${want.type} NOT NULL`
  if (want.autoNumbered) return `${want.type} with a default (SERIAL)`
  return want.type
}

/** Every difference of the quick-start tables that exist (a missing table is not one). */
export function compareTables(
  tables: Partial<Record<QuickStartTable, TableFound>>,
): ColumnDifference[] {
  return (Object.keys(EXPECTED) as QuickStartTable[]).flatMap((table) => {
    const found = tables[table]
    return found ? compareColumns(table, found) : []
  })
}
