import type { ConsoleExportReply, ConsoleStatementRequest } from '../../../shared/domain/console'
import { startExportJob, type ExportTargets } from '../export/export-job'
import { onlyStatement } from './explain'
import { exportCsv, requireExportable } from './export'
import type { ConsoleSession } from './session'

export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
  return `query-${stamp}.csv`
}

/** "Export CSV" of the console: one statement's whole result, as an export job. */
export async function startExport(
  session: ConsoleSession,
  request: ConsoleStatementRequest,
  targets: ExportTargets,
): Promise<ConsoleExportReply> {
  const statement = onlyStatement(request, 'Export CSV')
  requireExportable(statement)
  return startExportJob(targets, exportFileName(), (sink, options) =>
    exportCsv(session, statement, request.settings, sink, options),
  )
}
