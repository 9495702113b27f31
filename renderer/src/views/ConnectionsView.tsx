import { EMBEDDED_LABEL } from '../../../shared/domain/connection'
import { ServerPanel } from '../components/ServerPanel'
import { useStore } from '../store'

export function ConnectionsView() {
  const connection = useStore((s) => s.connection)
  const appInfo = useStore((s) => s.appInfo)
  const openConnection = useStore((s) => s.openConnection)
  const onEmbedded = connection.target?.kind === 'embedded'
  const embeddedConnected = onEmbedded && connection.status === 'connected'
  const connecting = connection.status === 'connecting'

  return (
    <section className="page" aria-labelledby="connections-title">
      <header className="page-header">
        <h1 id="connections-title">Connections</h1>
      </header>
      <article className="card" aria-label={EMBEDDED_LABEL}>
        <div className="card-header">
          <h2>{EMBEDDED_LABEL}</h2>
          {embeddedConnected && <span className="badge badge-ok">Connected</span>}
          {onEmbedded && connecting && <span className="badge">Starting…</span>}
        </div>
        <p className="muted">
          TimescaleDB running inside the app (PostgreSQL compiled to WebAssembly). No server to
          install; your data stays on this machine.
        </p>
        {appInfo && (
          <dl className="facts">
            <dt>Data folder</dt>
            <dd className="mono">{appInfo.embeddedDataDir}</dd>
          </dl>
        )}
        {!embeddedConnected && (
          <button
            type="button"
            className="primary"
            disabled={connecting}
            onClick={() => void openConnection({ kind: 'embedded' })}
          >
            Connect
          </button>
        )}
      </article>
      {connection.status === 'connected' && connection.server && (
        <ServerPanel server={connection.server} />
      )}
    </section>
  )
}
