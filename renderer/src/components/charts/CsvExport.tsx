import { useId } from 'react'
import { bucketLabel } from '../../../../shared/buckets'
import { useStore } from '../../store'
import { rawExportStatus, type CsvMode } from '../../store/chart-export-slice'
import { exportCsv, exportName } from './export'

/**
 * "Export CSV" of what the plot shows: its buckets (at the pinned or auto
 * width), or the raw rows of its range, which the backend streams into the
 * file as a job (with its rows so far, and "Stop export").
 */
export function CsvExport({ subject }: { subject: string }) {
  const reply = useStore((s) => s.chartReply)
  const minMax = useStore((s) => s.chartSettings.minMax)
  const mode = useStore((s) => s.csvMode)
  const raw = useStore((s) => s.rawExport)
  const job = useStore((s) => (s.rawExport.jobId ? s.jobs[s.rawExport.jobId] : undefined))
  const setCsvMode = useStore((s) => s.setCsvMode)
  const exportRawRows = useStore((s) => s.exportRawRows)
  const cancelRawExport = useStore((s) => s.cancelRawExport)
  const id = useId()
  const exportable = reply !== null && reply.series.length > 0
  const { running, text } = rawExportStatus(raw, job)

  const onExport = () => {
    if (!reply) return
    if (mode === 'buckets') return exportCsv(reply, minMax, subject)
    void exportRawRows(exportName(reply, `${subject}-rows`, 'csv'))
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
        <button
          type="button"
          disabled={!raw.jobId || job?.cancelling}
          onClick={() => void cancelRawExport()}
        >
          Stop export
        </button>
      ) : (
        <button type="button" disabled={!exportable} onClick={onExport}>
          Export CSV
        </button>
      )}
      {text && (
        <span role="status" className="muted">
          {text}
        </span>
      )}
    </span>
  )
}
