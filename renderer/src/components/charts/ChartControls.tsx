import { TIDY_BUCKET_SECONDS, bucketLabel } from '../../../../shared/buckets'
import { rangePresets, type ChartSettings, type RangePreset } from '../../store/chart-settings'
import { fromLocalInput, toLocalInput } from '../../format'
import { useStore } from '../../store'
import { Field, LabelledField } from '../Field'

interface Props {
  settings: ChartSettings
  /** Gap filling needs TimescaleDB (time_bucket_gapfill). */
  gapFillBlocked: boolean
  /** "All data" needs the first and last time; this says why they are unknown. */
  allDataBlocked: string | null
  /** The range shown now (to prefill a custom range). */
  current: { from: number; to: number } | null
  onChange(patch: Partial<ChartSettings>): void
}

/** How the chart is drawn: range, bucket, gap fill, min/max, rollups, SQL and Live. */
export function ChartControls({
  settings,
  gapFillBlocked,
  allDataBlocked,
  current,
  onChange,
}: Props) {
  const timeZone = useStore((s) => s.timeZone)
  const pickRange = (range: RangePreset) => {
    if (range !== 'custom') return onChange({ range })
    const to = current?.to ?? Date.now()
    const from = current?.from ?? to - 86_400_000
    onChange({ range, customFrom: settings.customFrom ?? from, customTo: settings.customTo ?? to })
  }

  return (
    <form
      className="chart-controls"
      aria-label="Chart settings"
      onSubmit={(e) => e.preventDefault()}
    >
      <LabelledField label="Range">
        {(id) => (
          <select
            id={id}
            value={settings.range}
            onChange={(e) => pickRange(e.target.value as RangePreset)}
          >
            {rangePresets.map((p) => (
              <option
                key={p.value}
                value={p.value}
                disabled={p.value === 'all' && allDataBlocked !== null}
                title={p.value === 'all' ? (allDataBlocked ?? undefined) : undefined}
              >
                {p.label}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      {settings.range === 'custom' && (
        <>
          <Field
            label="From"
            type="datetime-local"
            value={
              settings.customFrom === null
                ? ''
                : toLocalInput(settings.customFrom, 'minute', timeZone)
            }
            onChange={(e) => onChange({ customFrom: fromLocalInput(e.target.value, timeZone) })}
          />
          <Field
            label="To"
            type="datetime-local"
            value={
              settings.customTo === null ? '' : toLocalInput(settings.customTo, 'minute', timeZone)
            }
            onChange={(e) => onChange({ customTo: fromLocalInput(e.target.value, timeZone) })}
          />
        </>
      )}
      <LabelledField label="Bucket">
        {(id) => (
          <select
            id={id}
            value={String(settings.bucket)}
            onChange={(e) =>
              onChange({ bucket: e.target.value === 'auto' ? 'auto' : Number(e.target.value) })
            }
          >
            <option value="auto">Auto</option>
            {TIDY_BUCKET_SECONDS.map((s) => (
              <option key={s} value={s}>
                {bucketLabel(s)}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <fieldset className="chart-display">
        <legend>Show</legend>
        <label className="check">
          <input
            type="radio"
            name="chart-display"
            checked={settings.display === 'chart'}
            onChange={() => onChange({ display: 'chart' })}
          />
          Line chart
        </label>
        <label className="check">
          <input
            type="radio"
            name="chart-display"
            checked={settings.display === 'coverage'}
            onChange={() => onChange({ display: 'coverage' })}
          />
          Coverage
        </label>
      </fieldset>
      <div className="chart-toggles">
        <label className="check">
          <input
            type="checkbox"
            checked={settings.fillGaps}
            disabled={gapFillBlocked}
            aria-describedby={gapFillBlocked ? 'fill-gaps-reason' : undefined}
            onChange={(e) => onChange({ fillGaps: e.target.checked })}
          />
          Fill gaps
        </label>
        {gapFillBlocked && (
          <small id="fill-gaps-reason" className="muted">
            needs TimescaleDB (time_bucket_gapfill), not installed here
          </small>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={settings.minMax}
            onChange={(e) => onChange({ minMax: e.target.checked })}
          />
          Show min/max
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.useRollups && !gapFillBlocked}
            disabled={gapFillBlocked}
            aria-describedby={gapFillBlocked ? 'rollups-reason' : undefined}
            onChange={(e) => onChange({ useRollups: e.target.checked })}
          />
          Use rollups
        </label>
        {gapFillBlocked && (
          <small id="rollups-reason" className="muted">
            rollups (continuous aggregates) need TimescaleDB
          </small>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={settings.showSql}
            onChange={(e) => onChange({ showSql: e.target.checked })}
          />
          Show SQL
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.live}
            aria-describedby="live-hint"
            onChange={(e) => onChange({ live: e.target.checked })}
          />
          Live
        </label>
        <small id="live-hint" className="muted">
          every 5 s while shown
        </small>
      </div>
    </form>
  )
}
