import { useId, useState } from 'react'
import { SensorFieldsSchema, type SensorFields } from '../../../../shared/domain/sensors'

export interface SensorDraft {
  type: string
  location: string
}

export type DraftErrors = Partial<Record<keyof SensorDraft, string>>

/** The same rules the backend applies (trimmed, 1–50 characters), checked before sending. */
export function validateDraft(
  draft: SensorDraft,
): { ok: true; fields: SensorFields } | { ok: false; errors: DraftErrors } {
  const parsed = SensorFieldsSchema.safeParse(draft)
  if (parsed.success) return { ok: true, fields: parsed.data }
  const errors: DraftErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if ((field === 'type' || field === 'location') && !errors[field]) errors[field] = issue.message
  }
  return { ok: false, errors }
}

/**
 * A sensor draft being edited: checked here first (errors go under the fields),
 * then saved; a refusal from the server is kept to show below. `submit`
 * resolves with whether it was saved.
 */
export function useSensorDraft(
  initial: SensorDraft,
  save: (fields: SensorFields) => Promise<string | null>,
) {
  const [draft, setDraft] = useState<SensorDraft>(initial)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const submit = async (): Promise<boolean> => {
    const checked = validateDraft(draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      return false
    }
    setErrors({})
    setServerError(null)
    setSaving(true)
    const error = await save(checked.fields)
    setSaving(false)
    if (error) setServerError(error)
    return error === null
  }

  return { draft, setDraft, errors, serverError, saving, submit }
}

/** "Type" and "Location" inputs, labelled, with their validation messages tied to them. */
export function SensorFieldsInputs({
  draft,
  errors,
  onChange,
  visibleLabels,
  autoFocus = false,
}: {
  draft: SensorDraft
  errors: DraftErrors
  onChange: (draft: SensorDraft) => void
  /** Visible labels in a form; aria-labels inside a table row, where the header says it. */
  visibleLabels: boolean
  autoFocus?: boolean
}) {
  const id = useId()
  const fields = [
    { key: 'type', label: 'Type' },
    { key: 'location', label: 'Location' },
  ] as const
  return (
    <>
      {fields.map(({ key, label }, index) => {
        const error = errors[key]
        const errorId = `${id}-${key}-error`
        const input = (
          <input
            id={`${id}-${key}`}
            value={draft[key]}
            aria-label={visibleLabels ? undefined : label}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            autoComplete="off"
            spellCheck={false}
            autoFocus={autoFocus && index === 0}
            onChange={(event) => onChange({ ...draft, [key]: event.target.value })}
          />
        )
        return (
          <div key={key} className="field">
            {visibleLabels ? <label htmlFor={`${id}-${key}`}>{label}</label> : null}
            {input}
            {error && (
              <span id={errorId} className="field-error">
                {error}
              </span>
            )}
          </div>
        )
      })}
    </>
  )
}
