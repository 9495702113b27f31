import { useMemo } from 'react'
import {
  aggregates,
  timeUnitLabels,
  timeUnits,
  type Aggregate,
  type TimeUnit,
} from '../../../../shared/domain/chart'
import { useStore } from '../../store'
import { builderOptions } from '../../store/builder-options'
import { refKey, withAggregate, withMeasure, withSplit, withTime } from '../../store/builder-spec'
import { LabelledField } from '../Field'
import { FiltersField } from './FiltersField'
import { TablePicker } from './TablePicker'

/**
 * What to chart: the table, its time column, the measures with their
 * aggregates, the split-by column and the filters. Every choice comes from
 * the table's catalog entry; the backend checks each name again.
 */
export function BuilderControls() {
  const detail = useStore((s) => s.builderDetail)
  const spec = useStore((s) => s.chartSpec)
  const status = useStore((s) => s.builderDetailStatus)
  const editSpec = useStore((s) => s.editSpec)
  const options = useMemo(() => (detail ? builderOptions(detail) : null), [detail])

  const timeKind = options?.time.find((t) => t.column === spec?.time.column)?.kind
  const checked = (column: string) => spec?.measures.find((m) => m.column === column)

  return (
    <form className="builder" aria-label="Chart builder" onSubmit={(e) => e.preventDefault()}>
      <div className="builder-row">
        <TablePicker />
        {options && spec && (
          <>
            <LabelledField label="Time column">
              {(id) => (
                <select
                  id={id}
                  value={spec.time.column}
                  onChange={(e) => editSpec((s) => withTime(s, e.target.value))}
                >
                  {options.time.map((t) => (
                    <option key={t.column} value={t.column}>
                      {`${t.column} (${t.type})`}
                    </option>
                  ))}
                </select>
              )}
            </LabelledField>
            {timeKind === 'integer' && (
              <LabelledField label="Time unit">
                {(id) => (
                  <select
                    id={id}
                    value={spec.time.unit ?? ''}
                    onChange={(e) =>
                      editSpec((s) => withTime(s, s.time.column, e.target.value as TimeUnit))
                    }
                  >
                    <option value="" disabled>
                      Since 1970 in…
                    </option>
                    {timeUnits.map((u) => (
                      <option key={u} value={u}>
                        {timeUnitLabels[u]}
                      </option>
                    ))}
                  </select>
                )}
              </LabelledField>
            )}
            <LabelledField label="Split by">
              {(id) => (
                <select
                  id={id}
                  value={spec.split ? refKey(spec.split) : ''}
                  onChange={(e) => {
                    const split = options.splits.find((o) => o.value === e.target.value)
                    editSpec((s) => withSplit(s, split?.ref ?? null))
                  }}
                >
                  <option value="">None (one series)</option>
                  {options.splits.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </LabelledField>
          </>
        )}
      </div>
      {!options && status === 'loading' && <p className="muted">Reading the table…</p>}
      {options && spec && (
        <div className="builder-row">
          <fieldset className="builder-measures">
            <legend>Measures</legend>
            {options.measures.length === 0 && <p className="muted">No numeric column.</p>}
            <ul>
              {options.measures.map((c) => {
                const measure = checked(c.name)
                return (
                  <li key={c.name}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={measure !== undefined}
                        onChange={(e) => editSpec((s) => withMeasure(s, c.name, e.target.checked))}
                      />
                      {c.name}
                    </label>
                    {measure && (
                      <select
                        aria-label={`Aggregate of ${c.name}`}
                        value={measure.aggregate}
                        onChange={(e) =>
                          editSpec((s) => withAggregate(s, c.name, e.target.value as Aggregate))
                        }
                      >
                        {aggregates.map((a) => (
                          <option key={a} value={a}>
                            {a}
                          </option>
                        ))}
                      </select>
                    )}
                    <small className="muted mono">{c.type}</small>
                  </li>
                )
              })}
            </ul>
          </fieldset>
          <FiltersField splits={options.splits} />
        </div>
      )}
    </form>
  )
}
