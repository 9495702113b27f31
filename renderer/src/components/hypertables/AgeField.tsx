import { ageUnits, type Age, type AgeUnit } from '../../../../shared/domain/hypertables'
import { Field, LabelledField } from '../Field'
import { InlineError } from '../InlineError'

/** An age as typed: the amount stays text while it is being edited. */
export interface AgeDraft {
  amount: string
  unit: AgeUnit
}

/** The age typed, or null while it is not a whole number from 1 to 100,000. */
export function ageOf(draft: AgeDraft): Age | null {
  if (!/^\d{1,6}$/.test(draft.amount.trim())) return null
  const amount = Number(draft.amount)
  return amount >= 1 && amount <= 100_000 ? { amount, unit: draft.unit } : null
}

/**
 * "Older than 7 days": a number and its unit. The number's accessible name is
 * `label` exactly; the unit's is `unitLabel` (kept apart, so a label search
 * for one never finds the other).
 */
export function AgeField({
  label,
  unitLabel,
  value,
  onChange,
}: {
  label: string
  unitLabel: string
  value: AgeDraft
  onChange: (value: AgeDraft) => void
}) {
  const invalid = value.amount !== '' && ageOf(value) === null
  return (
    <div className="age-field">
      <Field
        label={label}
        type="number"
        inputMode="numeric"
        min={1}
        max={100_000}
        step={1}
        value={value.amount}
        aria-invalid={invalid}
        onChange={(event) => onChange({ ...value, amount: event.target.value })}
      />
      <LabelledField label={unitLabel}>
        {(id) => (
          <select
            id={id}
            value={value.unit}
            onChange={(event) => onChange({ ...value, unit: event.target.value as AgeUnit })}
          >
            {ageUnits.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      {invalid && <InlineError>Type a whole number from 1 to 100,000.</InlineError>}
    </div>
  )
}
