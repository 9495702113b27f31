import { useState } from 'react'
import { SAVED_CHART_NAME_MAX } from '../../../../shared/domain/saved-charts'
import { useStore } from '../../store'
import { chartsProfile } from '../../store/saved-charts-slice'
import { Field } from '../Field'
import { InlineError } from '../InlineError'

/**
 * "Save chart": the chart's configuration under a name, for this connection's
 * profile. Saving under the open saved chart's own name updates it.
 */
export function SaveChartButton() {
  const [open, setOpen] = useState(false)
  const canSave = useStore((s) => s.chartSpec !== null)
  return (
    <>
      <button
        type="button"
        disabled={!canSave}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Save chart
      </button>
      {open && <SaveChartForm onDone={() => setOpen(false)} />}
    </>
  )
}

function SaveChartForm({ onDone }: { onDone(): void }) {
  const current = useStore((s) => s.savedCharts.find((c) => c.id === s.currentSavedChartId))
  const profile = useStore(chartsProfile)
  const saveChart = useStore((s) => s.saveChart)
  const [name, setName] = useState(current?.name ?? '')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const submit = async () => {
    setSaving(true)
    const failed = await saveChart(name)
    setSaving(false)
    if (failed) setError(failed)
    else onDone()
  }

  return (
    <form
      className="save-chart card"
      aria-label="Save chart"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      {profile === null ? (
        <p className="muted">
          Charts are saved per connection profile. Save this connection as a profile on the
          Connections page to save its charts.
        </p>
      ) : (
        <>
          <Field
            label="Chart name"
            value={name}
            maxLength={SAVED_CHART_NAME_MAX}
            required
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
          <p className="muted">
            Saves what is charted and how (table, columns, range, bucket), never the data.
          </p>
        </>
      )}
      {error && <InlineError>{error}</InlineError>}
      <div className="form-actions">
        {profile !== null && (
          <button type="submit" className="primary" disabled={saving || name.trim() === ''}>
            {current && current.name.toLowerCase() === name.trim().toLowerCase()
              ? 'Save changes'
              : 'Save'}
          </button>
        )}
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
