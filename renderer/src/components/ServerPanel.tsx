import { useState } from 'react'
import { describeTls, type ServerInfo } from '../../../shared/domain/connection'
import { call } from '../api/client'

interface Outcome {
  kind: 'error' | 'success'
  text: string
}

/** What we are connected to: PostgreSQL version, TimescaleDB, and TLS as negotiated. */
export function ServerPanel({ server, label }: { server: ServerInfo; label?: string }) {
  const ts = server.timescaledb
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const canEnable = !ts.installed && !!ts.available

  const enable = async () => {
    setBusy(true)
    setOutcome(null)
    try {
      // The new state reaches every window through connection/changed.
      const info = await call('server/enable-timescaledb', {}, { quiet: true })
      setOutcome({
        kind: 'success',
        text: `TimescaleDB ${info.timescaledb.installed ?? ''} is enabled in database "${info.database}".`,
      })
    } catch (error) {
      setOutcome({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-label="Server">
      <h3>Server</h3>
      <dl className="facts">
        {label && (
          <>
            <dt>Connection</dt>
            <dd>{label}</dd>
          </>
        )}
        <dt>PostgreSQL</dt>
        <dd>{server.serverVersion}</dd>
        <dt>TimescaleDB</dt>
        <dd>{ts.installed ?? 'not installed'}</dd>
        <dt>Database</dt>
        <dd>{server.database}</dd>
        <dt>User</dt>
        <dd>{server.user}</dd>
        {server.tls && (
          <>
            <dt>TLS</dt>
            <dd>{describeTls(server.tls)}</dd>
          </>
        )}
      </dl>
      {!ts.installed && (
        <p className="muted">
          {ts.available
            ? `TimescaleDB ${ts.available} is available on this server but not enabled in this database.`
            : 'This server does not have TimescaleDB; the app uses plain tables and date_bin here.'}
        </p>
      )}
      {canEnable && (
        <button type="button" className="primary" disabled={busy} onClick={() => void enable()}>
          Enable TimescaleDB
        </button>
      )}
      {busy && <p role="status">Running CREATE EXTENSION timescaledb…</p>}
      {outcome && (
        <p
          className={`form-message form-message-${outcome.kind}`}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
        >
          {outcome.text}
        </p>
      )}
    </section>
  )
}
