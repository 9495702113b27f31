import { emptyParam, type ParamDraft, type ParamType } from '../../store/console-params'
import { fromLocalInput, toLocalInput } from '../../format'
import { LabelledField } from '../Field'
import { InlineError } from '../InlineError'

interface Props {
  /** Placeholder keys in order: `$1`, `%s #1`, `%(name)s`. */
  slots: readonly string[]
  drafts: Readonly<Record<string, ParamDraft>>
  onChange(key: string, draft: ParamDraft): void
  /** A statement mixes placeholder styles: what to fix. */
  problem: string | null
}

const TYPES: [ParamType, string][] = [
  ['text', 'Text'],
  ['number', 'Number'],
  ['timestamp', 'Timestamp'],
  ['null', 'NULL'],
]

/**
 * One input per placeholder, labelled by the placeholder itself, with its
 * type. Values go to the server as parameters, never into the SQL.
 */
export function ParamForm({ slots, drafts, onChange, problem }: Props) {
  if (slots.length === 0 && !problem) return null
  return (
    <fieldset className="param-form">
      <legend>Parameters (sent as values, never into the SQL)</legend>
      {problem && <InlineError>{problem}</InlineError>}
      {slots.map((key) => {
        const draft = drafts[key] ?? emptyParam
        return (
          <div className="param-row" key={key}>
            <LabelledField label={<code>{key}</code>}>
              {(id) => (
                <input
                  id={id}
                  type={draft.type === 'timestamp' ? 'datetime-local' : 'text'}
                  step={draft.type === 'timestamp' ? 1 : undefined}
                  inputMode={draft.type === 'number' ? 'decimal' : undefined}
                  disabled={draft.type === 'null'}
                  maxLength={100_000}
                  value={draft.type === 'null' ? '' : draft.text}
                  onChange={(e) => onChange(key, { ...draft, text: e.target.value })}
                />
              )}
            </LabelledField>
            <LabelledField label={`Type of ${key}`} className="param-type">
              {(id) => (
                <select
                  id={id}
                  value={draft.type}
                  onChange={(e) => {
                    const type = e.target.value as ParamType
                    const text =
                      type === 'timestamp' && fromLocalInput(draft.text) === null
                        ? toLocalInput(Date.now())
                        : draft.text
                    onChange(key, { type, text })
                  }}
                >
                  {TYPES.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </LabelledField>
          </div>
        )
      })}
    </fieldset>
  )
}
