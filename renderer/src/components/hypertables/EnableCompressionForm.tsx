import { useState } from 'react'
import type { CompressionStatus, HypertableRef } from '../../../../shared/domain/hypertables'
import { useStore } from '../../store'
import type { CompressionSettings } from '../../store/hypertable-actions-slice'
import { LabelledField } from '../Field'

const sameSettings = (a: CompressionSettings, b: CompressionSettings) =>
  JSON.stringify([a.segmentBy, a.orderBy]) === JSON.stringify([b.segmentBy, b.orderBy])

/**
 * "Enable compression" with the suggested settings (segment by the split or
 * foreign-key column, order by time, newest first), which the user may change,
 * and the exact statement it will run.
 */
export function EnableCompressionForm({
  table,
  status,
}: {
  table: HypertableRef
  status: CompressionStatus
}) {
  const { suggestion, columns } = status
  const [settings, setSettings] = useState<CompressionSettings>({
    segmentBy: suggestion.segmentBy,
    orderBy: suggestion.orderBy,
  })
  const busy = useStore((s) => s.htBusy === 'enable-compression')
  const preview = useStore((s) => s.compressionSql)
  const previewError = useStore((s) => s.compressionSqlError)
  const previewSql = useStore((s) => s.previewCompressionSql)
  const enable = useStore((s) => s.enableCompression)

  const change = (next: CompressionSettings) => {
    setSettings(next)
    if (!sameSettings(next, suggestion)) void previewSql(table, next)
  }
  const order = settings.orderBy[0] ?? { column: status.hypertable.timeColumn, descending: true }
  const sql = sameSettings(settings, suggestion)
    ? suggestion.sql
    : preview && sameSettings(preview.settings, settings)
      ? preview.sql
      : null

  return (
    <form
      className="enable-compression"
      aria-label="Enable compression"
      onSubmit={(event) => {
        event.preventDefault()
        void enable(table, settings)
      }}
    >
      <h3>Enable compression</h3>
      <p className="muted">Suggested: {suggestion.reason}</p>
      <fieldset>
        <legend>Segment by</legend>
        {columns
          .filter((c) => c.name !== order.column)
          .map((c) => (
            <label key={c.name} className="check">
              <input
                type="checkbox"
                checked={settings.segmentBy.includes(c.name)}
                onChange={(event) =>
                  change({
                    ...settings,
                    segmentBy: event.target.checked
                      ? [...settings.segmentBy, c.name]
                      : settings.segmentBy.filter((name) => name !== c.name),
                  })
                }
              />{' '}
              {c.name} <span className="muted">{c.type}</span>
            </label>
          ))}
      </fieldset>
      <LabelledField label="Order by">
        {(id) => (
          <select
            id={id}
            value={order.column}
            onChange={(event) =>
              change({
                segmentBy: settings.segmentBy.filter((name) => name !== event.target.value),
                orderBy: [{ column: event.target.value, descending: order.descending }],
              })
            }
          >
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <label className="check">
        <input
          type="checkbox"
          checked={order.descending}
          onChange={(event) =>
            change({ ...settings, orderBy: [{ ...order, descending: event.target.checked }] })
          }
        />{' '}
        Newest first (descending)
      </label>
      <p>It will run:</p>
      {sql !== null ? (
        <pre className="pre mono" aria-label="Statement">
          {sql}
        </pre>
      ) : (
        <p className="muted">{previewError ?? 'Building the statement…'}</p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || sql === null}>
          Enable compression
        </button>
      </div>
    </form>
  )
}
