import type { ParamValue } from '../../../../shared/sql/params'
import { fromLocalInput, toLocalInput } from '../../format'
import { LabelledField } from '../Field'

export type ParamType = 'text' | 'number' | 'timestamp' | 'null'

/** What the form holds for one placeholder: its type and the text typed (a timestamp as datetime-local). */
export interface ParamDraft {
  type: ParamType
  text: string
}

export const emptyDraft: ParamDraft = { type: 'text', text: '' }

/** The value sent for a draft: a timestamp goes as an ISO instant, so the server reads it in UTC. */
export function toParamValue(draft: ParamDraft): ParamValue {
  if (draft.type === 'null') return { type: 'null' }
  if (draft.type === 'timestamp') {
    const ms = fromLocalInput(draft.text)
    return { type: 'timestamp', value: ms === null ? draft.text : new Date(ms).toISOString() }
  }
  return { type: draft.type, value: draft.text }
}

interface Props {
  /** Placeholder keys in order: `$1`, `%s #1`, `%(name)s`. */
  slots: readonly string[]
  drafts: Readonly<Record<string, ParamDraft>>
  onChange(key: string, draft: ParamDraft): void
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
export function ParamForm({ slots, drafts, onChange }: Props) {
  if (slots.length === 0) return null
  return (
    <fieldset className="param-form">
      <legend>Parameters</legend>
      {slots.map((key) => {
        const draft = drafts[key] ?? emptyDraft
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
