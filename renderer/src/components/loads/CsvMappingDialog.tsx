import { useState } from 'react'
import {
  ImportStartSchema,
  importTargets,
  type ImportTarget,
} from '../../../../shared/domain/csv-import'
import { LabelledField } from '../Field'
import { Modal } from './Modal'
import type { CsvHeader } from './csv-file'

const describe: Record<ImportTarget, string> = {
  time: 'time (timestamp with time zone)',
  sensor_id: 'sensor_id (a sensor’s id)',
  temperature: 'temperature (number)',
  cpu: 'cpu (number, 0–1)',
}

/**
 * The mapping step: which sensor_data column each column of the file goes
 * into, when the file's names are not exactly time, sensor_id, temperature, cpu.
 */
export function CsvMappingDialog({
  fileName,
  header,
  onStart,
  onClose,
}: {
  fileName: string
  header: CsvHeader
  onStart(columns: ImportTarget[]): void
  onClose(): void
}) {
  const [mapping, setMapping] = useState<(ImportTarget | null)[]>(header.suggested)
  const chosen = mapping.every((m): m is ImportTarget => m !== null) ? mapping : null
  const check = chosen ? ImportStartSchema.shape.columns.safeParse(chosen) : null
  const problem =
    chosen === null
      ? 'Choose a sensor_data column for every column of the file.'
      : check && !check.success
        ? (check.error.issues[0]?.message ?? 'This mapping cannot be imported.')
        : null

  return (
    <Modal title={`Import ${fileName}`} onClose={onClose}>
      <p>
        The columns of this file do not all have the names of sensor_data&apos;s columns. Choose
        where each one goes; the server then parses the file with COPY.
      </p>
      <div className="mapping">
        {header.names.map((name, i) => (
          <LabelledField key={i} label={`Column “${name}”`}>
            {(id) => (
              <select
                id={id}
                value={mapping[i] ?? ''}
                onChange={(e) => {
                  const value = e.target.value as ImportTarget | ''
                  setMapping((m) => m.map((x, j) => (j === i ? value || null : x)))
                }}
              >
                <option value="">Choose…</option>
                {importTargets.map((t) => (
                  <option key={t} value={t}>
                    {describe[t]}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
        ))}
      </div>
      {problem && <p className="form-problem">{problem}</p>}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={problem !== null}
          onClick={() => chosen && onStart(chosen)}
        >
          Start
        </button>
      </div>
    </Modal>
  )
}
