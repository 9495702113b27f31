import { AppError } from '../../../shared/errors'
import { quoteIdent, type Queryable } from '../db/driver'
import { qualified } from '../catalog/time-range'

/**
 * How a sample load's foreign keys were checked: `once` for the whole load
 * (the referenced rows locked, then per-row checks off for the transaction),
 * or `per-row` by PostgreSQL as usual.
 */
export type KeyCheck = 'once' | 'per-row'

/** One foreign key of the loaded table, as the catalog describes it. */
interface ForeignKey {
  /** True when it is on the key column alone, referencing one column. */
  onKeyColumn: boolean
  /** The referenced table and column, as the catalog names them. */
  schema: string
  table: string
  column: string
}

interface Eligibility {
  superuser: boolean
  version: number
  triggers: boolean
  rules: boolean
  keys: ForeignKey[]
}

/*
 * The table and its children (a hypertable's chunks, a partitioned table's
 * partitions): a trigger, rule or key added to one chunk counts as well.
 */
const FAMILY = `(SELECT $1::regclass AS rel
                 UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = $1::regclass)`

const ELIGIBILITY_SQL = `
SELECT current_setting('is_superuser') = 'on' AS superuser,
       current_setting('server_version_num')::int AS version,
       EXISTS (SELECT 1 FROM pg_trigger t
                WHERE t.tgrelid IN (SELECT rel FROM ${FAMILY} f)
                  AND NOT t.tgisinternal AND t.tgname <> 'ts_insert_blocker') AS triggers,
       EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class IN (SELECT rel FROM ${FAMILY} f)) AS rules,
       COALESCE((
         SELECT json_agg(DISTINCT jsonb_build_object(
                  'onKeyColumn', c.conkey = ARRAY[a.attnum] AND cardinality(c.confkey) = 1,
                  'schema', n.nspname, 'table', r.relname, 'column', ra.attname))
           FROM pg_constraint c
           JOIN pg_class r ON r.oid = c.confrelid
           JOIN pg_namespace n ON n.oid = r.relnamespace
           JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
           LEFT JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = $2
          WHERE c.contype = 'f' AND c.conrelid IN (SELECT rel FROM ${FAMILY} f)), '[]') AS keys`

/**
 * Checks a sample load's foreign keys once for the whole load instead of once
 * per row, where that is sure to give the same result; otherwise leaves them
 * to PostgreSQL. Runs inside the load's transaction, before its COPY.
 *
 * PostgreSQL checks a foreign key with a query per inserted row; on the
 * quick-start schema that is most of a bulk load's server time (2M rows into
 * the hypertable: 7.9 s with the checks, 2.3 s without). A sample load knows
 * every value its key column will hold (the chosen sensors' ids), so it can
 * do what those per-row queries do, once: lock the referenced rows `FOR KEY
 * SHARE` (so no one can delete them or change their key until the load
 * commits, exactly as the per-row checks would hold them) and see that all
 * are there. Then `session_replication_role = replica` for this transaction
 * only turns the per-row checks off, as pg_restore's --disable-triggers does.
 *
 * That role also turns off ordinary triggers and rules, so it is used only
 * when the table and its chunks have none (TimescaleDB's ts_insert_blocker
 * aside: it guards the root table, which a COPY into a hypertable never
 * writes to; TimescaleDB 2.23+ tracks continuous-aggregate invalidations
 * without triggers, and older versions' invalidation trigger is an ordinary
 * trigger, so it falls back), every foreign key is on the key column, and the
 * role may set it (a superuser, or granted SET on the parameter). Anything
 * else, or any error on the way, and the load runs with the usual checks.
 */
export async function checkKeysOnce(
  tx: Queryable,
  target: { table: string; keyColumn: string },
  values: readonly number[],
): Promise<KeyCheck> {
  const { rows } = await tx.query<Eligibility>(ELIGIBILITY_SQL, [target.table, target.keyColumn])
  const found = rows[0]
  if (!found || found.triggers || found.rules) return 'per-row'
  if (found.keys.length === 0 || found.keys.some((key) => !key.onKeyColumn)) return 'per-row'
  if (!(await maySetReplicationRole(tx, found))) return 'per-row'

  const wanted = [...new Set(values)]
  await tx.query('SAVEPOINT tsdb_explorer_key_check')
  try {
    for (const key of found.keys) {
      // Catalog names, quoted; the values are a parameter.
      const column = quoteIdent(key.column)
      const { rows: locked } = await tx.query<{ k: number }>(
        `SELECT ${column} AS k FROM ${qualified({ schema: key.schema, name: key.table })}
          WHERE ${column} = ANY($1) FOR KEY SHARE`,
        [wanted],
      )
      // A value missing: the per-row checks will name it, as they always do.
      if (new Set(locked.map((row) => Number(row.k))).size !== wanted.length) {
        await undo(tx)
        return 'per-row'
      }
    }
    await tx.query('SET LOCAL session_replication_role = replica')
    await tx.query('RELEASE SAVEPOINT tsdb_explorer_key_check')
    return 'once'
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') throw error
    // e.g. no UPDATE privilege on the referenced table (FOR KEY SHARE needs it).
    await undo(tx)
    return 'per-row'
  }
}

async function maySetReplicationRole(tx: Queryable, found: Eligibility): Promise<boolean> {
  if (found.superuser) return true
  // GRANT SET ON PARAMETER exists from PostgreSQL 15.
  if (found.version < 150000) return false
  const { rows } = await tx.query<{ may: boolean }>(
    "SELECT has_parameter_privilege('session_replication_role', 'SET') AS may",
  )
  return rows[0]?.may === true
}

async function undo(tx: Queryable): Promise<void> {
  await tx.query('ROLLBACK TO SAVEPOINT tsdb_explorer_key_check')
  await tx.query('RELEASE SAVEPOINT tsdb_explorer_key_check')
}
