import { useStore } from '../../store'
import { parseDraftUrl } from '../../store/connection-draft'

interface Props {
  id: string
  /** The URL as typed, while it was edited last; null shows the URL the fields make. */
  typed: string | null
  onTyped(text: string | null): void
  /** A typed URL carried a password: it goes to the Password field. */
  onPassword(password: string): void
}

/**
 * The URL or key=value field: typing fills the fields, editing a field
 * rewrites it. What is typed stays in this input (it may carry a password):
 * the store gets the fields it means, never the text.
 */
export function ConnectionUrlField({ id, typed, onTyped, onPassword }: Props) {
  const url = useStore((s) => s.draftUrl)
  const editDraftUrl = useStore((s) => s.editDraftUrl)
  const shown = url.editedLast && typed !== null ? typed : url.text
  return (
    <div className="field field-wide">
      <label htmlFor={`${id}-url`}>Connection URL</label>
      <input
        id={`${id}-url`}
        className="mono"
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={shown}
        placeholder="postgresql://user@host:5432/dbname?sslmode=require"
        aria-describedby={`${id}-url-help`}
        aria-invalid={url.editedLast && url.problem ? true : undefined}
        onChange={(e) => {
          const text = e.currentTarget.value
          onTyped(text)
          const password = editDraftUrl(text)
          if (password !== undefined) onPassword(password)
        }}
        onBlur={() => {
          // Once a pasted password is in the Password field, stop showing it in the URL.
          const parsed = typed ? parseDraftUrl(typed) : null
          if (parsed?.ok && parsed.password !== undefined) onTyped(null)
        }}
      />
      <p id={`${id}-url-help`} className={url.problem ? 'field-error' : 'hint'}>
        {url.problem ??
          'A postgres:// URL or key=value settings (host=… dbname=… user=… sslmode=…). Editing it fills the fields below, and the other way round.'}
      </p>
      {url.notes.length > 0 && (
        <ul className="hint notes">
          {url.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
