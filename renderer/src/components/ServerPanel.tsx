import { describeTls, type ServerInfo } from '../../../shared/domain/connection'
import { EnableTimescaleButton } from './EnableTimescaleButton'

/** What we are connected to: PostgreSQL version, TimescaleDB, and TLS as negotiated. */
export function ServerPanel({ server, label }: { server: ServerInfo; label?: string }) {
  const ts = server.timescaledb
  const canEnable = !ts.installed && !!ts.available

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
      {canEnable && <EnableTimescaleButton primary />}
    </section>
  )
}
