import type { ConsoleCompletions } from '../../../shared/domain/console'
import { catalogRead, type Queryable } from '../db/driver'

/** Relations and functions offered at most; a catalog larger than this is cut (names sorted). */
export const MAX_COMPLETION_TABLES = 2000
export const MAX_COMPLETION_COLUMNS = 200
export const MAX_COMPLETION_FUNCTIONS = 5000

/**
 * Schemas that are the engine's own plumbing: never offered. TimescaleDB's
 * user-facing ones (timescaledb_information, timescaledb_experimental) are.
 */
const HIDDEN_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
  AND n.nspname NOT LIKE '\\_timescaledb%'`

/** Tables, views and their columns, by schema; each column list as JSON text (every engine returns text alike). */
const RELATIONS_SQL = `
SELECT n.nspname AS schema, c.relname AS name,
       (SELECT coalesce(json_agg(a.attname ORDER BY a.attnum), '[]')::text
          FROM (SELECT attname, attnum FROM pg_attribute
                 WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped
                 ORDER BY attnum LIMIT ${MAX_COMPLETION_COLUMNS}) a) AS columns
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${HIDDEN_SCHEMAS}
 ORDER BY n.nspname = 'public' DESC, n.nspname, c.relname
 LIMIT ${MAX_COMPLETION_TABLES}`

/**
 * Functions and aggregates a user would call (TimescaleDB's time_bucket,
 * first, last, create_hypertable … included): not operator or type plumbing,
 * nor anything taking or returning the internal and cstring pseudo-types.
 */
const FUNCTIONS_SQL = `
SELECT DISTINCT p.proname AS name
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.prokind IN ('f', 'a', 'w')
   AND n.nspname NOT IN ('information_schema', 'pg_toast') AND n.nspname NOT LIKE '\\_timescaledb%'
   AND p.proname !~ '^_'
   AND p.prorettype NOT IN ('internal'::regtype, 'cstring'::regtype, 'trigger'::regtype,
                            'event_trigger'::regtype, 'language_handler'::regtype,
                            'fdw_handler'::regtype, 'index_am_handler'::regtype,
                            'table_am_handler'::regtype, 'tsm_handler'::regtype)
   AND NOT (p.proargtypes::oid[] && ARRAY['internal'::regtype, 'cstring'::regtype]::oid[])
   AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = p.oid)
 ORDER BY 1
 LIMIT ${MAX_COMPLETION_FUNCTIONS}`

/**
 * What the SQL editor completes: schemas, their tables and views with
 * columns, and function names, read from the catalog of the current
 * connection. This is the console's own small catalog read; once the
 * catalog calls of issue 15 (catalog/list, catalog/describe) are on main,
 * tables and columns should come from them and this keeps only functions.
 */
export async function readCompletions(db: Queryable): Promise<ConsoleCompletions> {
  const relations = await db.query<{ schema: string; name: string; columns: string }>(
    RELATIONS_SQL,
    [],
    catalogRead(),
  )
  const functions = await db.query<{ name: string }>(FUNCTIONS_SQL, [], catalogRead())
  const schemas: ConsoleCompletions['schemas'] = {}
  for (const row of relations.rows) {
    const tables = (schemas[row.schema] ??= {})
    tables[row.name] = JSON.parse(row.columns) as string[]
  }
  return { schemas, functions: functions.rows.map((r) => r.name) }
}
