import { useRef, useState, type ChangeEvent } from 'react'
import {
  mapsByName,
  MAX_CSV_RECORD_TEXT,
  type ImportTarget,
} from '../../../../shared/domain/csv-import'
import { useStore } from '../../store'
import { CsvMappingDialog } from './CsvMappingDialog'
import { headerProblem, readCsvHeader, type CsvHeader } from './csv-file'
import { formatCount } from '../../format'
import { JobCard } from './JobCard'

/**
 * "sensor_data: 1,156 readings from 4 sensors", from what the Sensors page has
 * already read (its slice refreshes whenever a load changes the data).
 */
function useReadingsSummary(): string | null {
  const connected = useStore((s) => s.connection.status === 'connected')
  const schema = useStore((s) => s.schema)
  const sensors = useStore((s) => s.sensors)
  if (!connected || !schema) return null
  if (!sensors)
    return 'The quick-start tables do not exist yet: Generate sample data can create them.'
  const n = sensors.length
  if (n === 0) return 'No sensors yet: Generate sample data can add the four quick-start sensors.'
  const readings = sensors.reduce((sum, s) => sum + s.readings, 0)
  return `sensor_data: ${formatCount(readings)} readings from ${n} sensor${n === 1 ? '' : 's'}.`
}

/**
 * Bulk loads on the Sensors page: "Generate sample data", "Import CSV", and
 * the load that is running or has just ended.
 */
export function LoadDataPanel() {
  const connected = useStore((s) => s.connection.status === 'connected')
  const openSampleDataDialog = useStore((s) => s.openSampleDataDialog)
  const dialogOpen = useStore((s) => s.sampleDataDialogOpen)
  const job = useStore((s) => (s.activeJobId ? s.jobs[s.activeJobId] : undefined))
  const startImport = useStore((s) => s.startImport)
  const dismissActiveJob = useStore((s) => s.dismissActiveJob)
  const fileInput = useRef<HTMLInputElement>(null)
  const [mapping, setMapping] = useState<{ file: File; header: CsvHeader } | null>(null)
  const [importError, setImportError] = useState<string | null>(null)
  const summary = useReadingsSummary()
  const running = job?.status === 'running'

  const begin = async (file: File, columns: ImportTarget[]) => {
    setMapping(null)
    try {
      await startImport(file, columns)
    } catch (error) {
      setImportError(error instanceof Error ? error.message : String(error))
    }
  }

  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    // Picking the same file again must fire change again.
    event.target.value = ''
    if (!file) return
    setImportError(null)
    dismissActiveJob()
    try {
      const header = await readCsvHeader(file)
      const problem = headerProblem(file.name, header.names)
      if (problem) setImportError(problem)
      else if (mapsByName(header.names)) await begin(file, header.suggested as ImportTarget[])
      else setMapping({ file, header })
    } catch (error) {
      setImportError(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <section className="card load-panel" aria-labelledby="load-data-title">
      <div className="card-header">
        <h2 id="load-data-title">Load data</h2>
      </div>
      {summary && <p className="muted readings-summary">{summary}</p>}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!connected || running}
          onClick={() => {
            dismissActiveJob()
            openSampleDataDialog()
          }}
        >
          Generate sample data
        </button>
        <button
          type="button"
          disabled={!connected || running}
          onClick={() => fileInput.current?.click()}
        >
          Import CSV
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file to import"
          hidden
          onChange={(e) => void picked(e)}
        />
      </div>
      <p className="muted hint">
        CSV files need a header row; columns named time, sensor_id, temperature and cpu import as
        they are, other names are mapped first. One line may hold at most {MAX_CSV_RECORD_TEXT}. The
        whole file is one transaction.
      </p>
      {importError && (
        <p role="alert" className="form-error">
          {importError}
        </p>
      )}
      {job && !dialogOpen && !mapping && (
        <>
          <JobCard job={job} />
          {!running && (
            <button type="button" className="icon-button" onClick={dismissActiveJob}>
              Hide result
            </button>
          )}
        </>
      )}
      {mapping && (
        <CsvMappingDialog
          fileName={mapping.file.name}
          header={mapping.header}
          onStart={(columns) => void begin(mapping.file, columns)}
          onClose={() => setMapping(null)}
        />
      )}
    </section>
  )
}
