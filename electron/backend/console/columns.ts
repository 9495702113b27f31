import { MAX_CELL_CHARS, type Cell, type ResultColumn } from '../../../shared/domain/console'
import type { FieldInfo } from '../db/driver'
import type { ConsoleIO } from './io'

/** Names of the built-in types results most often have, as format_type() spells them. */
const BUILT_IN: [number, string][] = [
  [16, 'boolean'],
  [17, 'bytea'],
  [18, '"char"'],
  [19, 'name'],
  [20, 'bigint'],
  [21, 'smallint'],
  [23, 'integer'],
  [25, 'text'],
  [26, 'oid'],
  [114, 'json'],
  [700, 'real'],
  [701, 'double precision'],
  [705, 'unknown'],
  [1042, 'character'],
  [1043, 'character varying'],
  [1082, 'date'],
  [1083, 'time without time zone'],
  [1114, 'timestamp without time zone'],
  [1184, 'timestamp with time zone'],
  [1186, 'interval'],
  [1266, 'time with time zone'],
  [1700, 'numeric'],
  [2249, 'record'],
  [2950, 'uuid'],
  [3802, 'jsonb'],
]

/** Type names by OID for one session, asking the server once for any it has not seen. */
export class TypeNames {
  private readonly names = new Map<number, string>(BUILT_IN)

  async columns(io: ConsoleIO, fields: readonly FieldInfo[]): Promise<ResultColumn[]> {
    const unknown = [...new Set(fields.map((f) => f.dataTypeID))].filter(
      (oid) => !this.names.has(oid),
    )
    if (unknown.length > 0) {
      try {
        const { rows } = await io.run(
          'SELECT oid::int8, format_type(oid, NULL) FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
          [`{${unknown.join(',')}}`],
        )
        for (const [oid, name] of rows) this.names.set(Number(oid), String(name))
      } catch {
        // A name is a nicety: the column still shows, named by its OID.
      }
    }
    return fields.map((f) => ({
      name: f.name,
      typeOid: f.dataTypeID,
      typeName: this.names.get(f.dataTypeID) ?? `oid ${f.dataTypeID}`,
    }))
  }
}

/** Cuts cells past MAX_CELL_CHARS, so one huge value cannot swamp a page (Export CSV keeps every character). */
export function cutCells(rows: Cell[][]): Cell[][] {
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
        row[i] = `${cell.slice(0, MAX_CELL_CHARS)}…`
      }
    }
  }
  return rows
}
