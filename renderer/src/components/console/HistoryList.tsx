import { useId } from 'react'
import type { HistoryEntry } from '../../../../shared/domain/console'
import { formatCount, formatTime } from '../../format'

interface Props {
  entries: readonly HistoryEntry[]
  search: string
  onSearch(text: string): void
  onOpen(sql: string): void
  onRunAgain(sql: string): void
}

const outcomeText = { ok: 'Succeeded', error: 'Failed', cancelled: 'Cancelled' } as const

/** Every statement run on this connection, newest first, searchable; any one can be opened or run again. */
export function HistoryList({ entries, search, onSearch, onOpen, onRunAgain }: Props) {
  const searchId = useId()
  return (
    <section className="console-history" aria-label="History">
      <label htmlFor={searchId}>Search history</label>
      <input
        id={searchId}
        type="search"
        maxLength={200}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      {entries.length === 0 ? (
        <p className="empty">
          {search ? 'No statement in the history matches.' : 'Statements you run appear here.'}
        </p>
      ) : (
        <ul className="history-entries">
          {entries.map((entry) => (
            <li key={entry.id} className={`history-entry ${entry.outcome}`}>
              <pre className="history-sql" title={entry.sql}>
                {entry.sql.length > 400 ? `${entry.sql.slice(0, 400)}…` : entry.sql}
              </pre>
              <p className="history-meta">
                {formatTime(entry.at)} · {outcomeText[entry.outcome]} · {entry.durationMs} ms
                {entry.rows !== null ? ` · ${formatCount(entry.rows)} rows` : ''}
                {entry.message ? ` · ${entry.message}` : ''}
              </p>
              <button type="button" onClick={() => onOpen(entry.sql)}>
                Open
              </button>
              <button type="button" onClick={() => onRunAgain(entry.sql)}>
                Run again
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
