import type { ServerInfo, TlsInfo } from '../../../shared/domain/connection'
import type { Queryable } from './driver'
import { TIMESCALEDB_AVAILABLE_SQL, TIMESCALEDB_INSTALLED_SQL } from './timescaledb'

interface InfoRow {
  version: string
  version_num: number
  database: string
  user: string
  ts_installed: string | null
  ts_available: string | null
}

const INFO_SQL = `
  SELECT current_setting('server_version') AS version,
         current_setting('server_version_num')::int AS version_num,
         current_database() AS database,
         current_user AS "user",
         ${TIMESCALEDB_INSTALLED_SQL} AS ts_installed,
         ${TIMESCALEDB_AVAILABLE_SQL} AS ts_available`

export async function readServerInfo(
  db: Queryable,
  engine: ServerInfo['engine'],
  tls: TlsInfo | null,
): Promise<ServerInfo> {
  const { rows } = await db.query<InfoRow>(INFO_SQL)
  const row = rows[0]
  if (!row) throw new Error('Server returned no version information')
  return {
    engine,
    // Debian builds say "15.18 (Debian 15.18-0+deb12u1)": keep the number.
    serverVersion: row.version.split(' ')[0] ?? row.version,
    serverVersionNum: Number(row.version_num),
    timescaledb: { installed: row.ts_installed, available: row.ts_available },
    tls,
    database: row.database,
    user: row.user,
  }
}
