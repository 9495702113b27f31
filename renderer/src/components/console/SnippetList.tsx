import { useId, useState, type FormEvent } from 'react'
import type { Snippet } from '../../../../shared/domain/console'

interface Props {
  snippets: readonly Snippet[]
  onOpen(sql: string): void
  onDelete(id: string): void
  /** Saves the editor's text under this name. */
  onSave(name: string): void
  /** The editor has text to save. */
  canSave: boolean
}

/** Saved snippets and the quick start's statements; the editor's text can be saved as a new one. */
export function SnippetList({ snippets, onOpen, onDelete, onSave, canSave }: Props) {
  const [name, setName] = useState('')
  const nameId = useId()
  const save = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim() || !canSave) return
    onSave(name.trim())
    setName('')
  }
  return (
    <section className="console-snippets" aria-label="Snippets">
      <form className="snippet-save" onSubmit={save}>
        <label htmlFor={nameId}>Snippet name</label>
        <input id={nameId} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim() || !canSave}>
          Save as snippet
        </button>
      </form>
      <ul className="snippet-list">
        {snippets.map((snippet) => (
          <li key={snippet.id}>
            <span className="snippet-name">{snippet.name}</span>
            {snippet.starter && <span className="badge">Quick start</span>}
            <pre className="snippet-sql">{snippet.sql}</pre>
            <button
              type="button"
              onClick={() => onOpen(snippet.sql)}
              aria-label={`Open ${snippet.name}`}
            >
              Open
            </button>
            {!snippet.starter && (
              <button
                type="button"
                className="danger"
                onClick={() => onDelete(snippet.id)}
                aria-label={`Delete ${snippet.name}`}
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
