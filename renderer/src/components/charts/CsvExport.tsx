import { useId } from 'react'
import { bucketLabel } from '../../../../shared/buckets'
import { useStore } from '../../store'
import type { CsvMode } from '../../store/chart-export-slice'
import { download, exportCsv, exportName } from './export'

/**
 * "Export CSV" of what the plot shows: its buckets (at the pinned or auto
 * width), or the raw rows of its range, read page by page.
 */
export function CsvExport({ subject }: { subject: string }) {
  const reply = useStore((s) => s.chartReply)
  const minMax = useStore((s) => s.chartSettings.minMax)
  const mode = useStore((s) => s.csvMode)
  const raw = useStore((s) => s.rawExport)
  const setCsvMode = useStore((s) => s.setCsvMode)
  const exportRawRows = useStore((s) => s.exportRawRows)
  const cancelRawExport = useStore((s) => s.cancelRawExport)
  const id = useId()
  const exportable = reply !== null && reply.series.length > 0
  const running = raw.status === 'running'

  const onExport = async () => {
    if (!reply) return
    if (mode === 'buckets') return exportCsv(reply, minMax, subject)
    const parts = await exportRawRows()
    if (parts) {
      download(
        new Blob(parts, { type: 'text/csv;charset=utf-8' }),
        exportName(reply, `${subject}-rows`, 'csv'),
      )
    }
  }

  return (
    <span className="csv-export">
      <label htmlFor={id}>Export CSV as</label>{' '}
      <select id={id} value={mode} onChange={(e) => setCsvMode(e.target.value as CsvMode)}>
        <option value="buckets">
          {reply
            ? `${bucketLabel(reply.bucketSeconds)} buckets, as plotted`
            : 'Buckets, as plotted'}
        </option>
        <option value="raw">Raw rows of the range</option>
      </select>{' '}
      {running ? (
        <button type="button" onClick={cancelRawExport}>
          Stop export
        </button>
      ) : (
        <button type="button" disabled={!exportable} onClick={() => void onExport()}>
          Export CSV
        </button>
      )}
      {(running || raw.message) && (
        <span role="status" className="muted">
          {running ? `Exporting… ${raw.rows.toLocaleString('en-US')} rows` : raw.message}
        </span>
      )}
    </span>
  )
}
