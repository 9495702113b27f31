import type { ServerInfo } from '../../../shared/domain/connection'

/** What we are connected to: PostgreSQL version, TimescaleDB, and TLS. */
export function ServerPanel({ server }: { server: ServerInfo }) {
  const ts = server.timescaledb
  return (
    <section className="panel" aria-label="Server">
      <h3>Server</h3>
      <dl className="facts">
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
            <dd>
              {server.tls.enabled
                ? `on (${server.tls.protocol ?? 'unknown protocol'}), certificate ${
                    server.tls.certificateVerified ? 'verified' : 'not verified'
                  }${server.tls.hostnameVerified ? ', host name verified' : ''}`
                : 'off'}
            </dd>
          </>
        )}
      </dl>
    </section>
  )
}
