import { TIDY_BUCKET_SECONDS, bucketLabel } from '../../../../shared/buckets'
import {
  groupings,
  metrics,
  type GroupBy,
  type Metric,
  type SeriesFilterOptions,
} from '../../../../shared/domain/series'
import { rangePresets, type ChartSettings, type RangePreset } from '../../store/chart-settings'
import { fromLocalInput, toLocalInput } from '../../format'
import { Field, LabelledField } from '../Field'

interface Props {
  settings: ChartSettings
  options: SeriesFilterOptions | null
  /** The range shown now (to prefill a custom range). */
  current: { from: number; to: number } | null
  onChange(patch: Partial<ChartSettings>): void
}

const metricLabels: Record<Metric, string> = { temperature: 'Temperature', cpu: 'CPU' }
const groupLabels: Record<GroupBy, string> = {
  sensor: 'Sensor',
  location: 'Location',
  type: 'Type',
}

export function ChartControls({ settings, options, current, onChange }: Props) {
  const sensors = (options?.sensors ?? []).filter(
    (s) =>
      (settings.locations.length === 0 || settings.locations.includes(s.location ?? '')) &&
      (settings.types.length === 0 || settings.types.includes(s.type ?? '')),
  )
  const gapFillBlocked = options !== null && !options.timescaledb

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
      <LabelledField label="Metric">
        {(id) => (
          <select
            id={id}
            value={settings.metric}
            onChange={(e) => onChange({ metric: e.target.value as Metric })}
          >
            {metrics.map((m) => (
              <option key={m} value={m}>
                {metricLabels[m]}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <LabelledField label="Group by">
        {(id) => (
          <select
            id={id}
            value={settings.groupBy}
            onChange={(e) => onChange({ groupBy: e.target.value as GroupBy })}
          >
            {groupings.map((g) => (
              <option key={g} value={g}>
                {groupLabels[g]}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <LabelledField label="Location">
        {(id) => (
          <select
            id={id}
            value={settings.locations[0] ?? ''}
            onChange={(e) =>
              onChange({ locations: e.target.value ? [e.target.value] : [], sensorIds: [] })
            }
          >
            <option value="">All locations</option>
            {(options?.locations ?? []).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <LabelledField label="Type">
        {(id) => (
          <select
            id={id}
            value={settings.types[0] ?? ''}
            onChange={(e) =>
              onChange({ types: e.target.value ? [e.target.value] : [], sensorIds: [] })
            }
          >
            <option value="">All types</option>
            {(options?.types ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <LabelledField label="Sensors" className="field-sensors">
        {(id) => (
          <>
            <select
              id={id}
              multiple
              size={Math.min(4, Math.max(2, sensors.length))}
              value={settings.sensorIds.map(String)}
              aria-describedby="sensors-hint"
              onChange={(e) =>
                onChange({ sensorIds: [...e.target.selectedOptions].map((o) => Number(o.value)) })
              }
            >
              {sensors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            <small id="sensors-hint" className="muted">
              {settings.sensorIds.length === 0
                ? 'None picked: all sensors'
                : `${settings.sensorIds.length} picked`}
            </small>
          </>
        )}
      </LabelledField>
      <LabelledField label="Range">
        {(id) => (
          <select
            id={id}
            value={settings.range}
            onChange={(e) => pickRange(e.target.value as RangePreset)}
          >
            {rangePresets.map((p) => (
              <option key={p.value} value={p.value}>
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
            value={settings.customFrom === null ? '' : toLocalInput(settings.customFrom, 'minute')}
            onChange={(e) => onChange({ customFrom: fromLocalInput(e.target.value) })}
          />
          <Field
            label="To"
            type="datetime-local"
            value={settings.customTo === null ? '' : toLocalInput(settings.customTo, 'minute')}
            onChange={(e) => onChange({ customTo: fromLocalInput(e.target.value) })}
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
