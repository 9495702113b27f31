import type { StatementOutcome } from '../../../../shared/domain/console'
import { formatCount } from '../../format'

const MAX_SHOWN = 50
/** read_only_sql_transaction: a write refused inside BEGIN READ ONLY. */
const READ_ONLY_SQLSTATE = '25006'

function summary(o: StatementOutcome): string {
  if (o.status === 'cancelled') return `${o.command}: cancelled`
  if (o.status === 'error') return `${o.command}: failed`
  const rows =
    o.columns === null
      ? o.rowCount === null
        ? ''
        : ` · ${formatCount(o.rowCount)} row${o.rowCount === 1 ? '' : 's'} affected`
      : o.rowCount === null
        ? ` · first ${formatCount(o.rows.length)} rows`
        : ` · ${formatCount(o.rowCount)} row${o.rowCount === 1 ? '' : 's'}`
  return `${o.command}${rows}`
}

/**
 * What each statement of the last run did: its command, rows and time; the
 * server's error for the one that failed (its place is marked in the editor);
 * and every notice the server sent, always as text.
 */
export function StatementList({
  outcomes,
  readOnly,
}: {
  outcomes: readonly StatementOutcome[]
  /** The tab runs with Read-only on: a refused write says how to write. */
  readOnly: boolean
}) {
  const shown = outcomes.slice(-MAX_SHOWN)
  const notices = outcomes.flatMap((o) => o.notices)
  const failed = outcomes.find((o) => o.error)
  return (
    <section className="console-statements" aria-label="Statements run">
      {outcomes.length > 1 && (
        <ol className="statement-list">
          {shown.map((o, i) => (
            <li key={i} className={`statement-${o.status}`}>
              {summary(o)} · {o.durationMs} ms
            </li>
          ))}
        </ol>
      )}
      {outcomes.length === 1 && shown[0] && (
        <p className="statement-one">
          {summary(shown[0])} · {shown[0].durationMs} ms
        </p>
      )}
      {failed?.error && (
        <div className="inline-error console-error" role="alert">
          <strong>{failed.status === 'cancelled' ? 'Cancelled' : 'The server refused it'}</strong>
          {failed.error.sqlstate && (
            <span className="muted"> (SQLSTATE {failed.error.sqlstate})</span>
          )}
          <p>{failed.error.message}</p>
          {readOnly && failed.error.sqlstate === READ_ONLY_SQLSTATE && (
            <p>Read-only is on for this tab: turn it off to write, then run the statement again.</p>
          )}
          {failed.error.position !== null && (
            <p className="muted">The place it points at is marked in the editor.</p>
          )}
        </div>
      )}
      {notices.length > 0 && (
        <details className="console-notices" open>
          <summary>
            {notices.length} notice{notices.length === 1 ? '' : 's'}
          </summary>
          <ul aria-label="Notices">
            {notices.map((n, i) => (
              <li key={i}>
                <strong>{n.severity}</strong>: {n.message}
                {n.detail && <div className="muted">Detail: {n.detail}</div>}
                {n.hint && <div className="muted">Hint: {n.hint}</div>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
