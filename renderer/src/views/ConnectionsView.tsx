import { ConnectionForm } from '../components/connection/ConnectionForm'
import { ProfileList } from '../components/ProfileList'
import { ServerPanel } from '../components/ServerPanel'
import { useStore } from '../store'

export function ConnectionsView() {
  const connection = useStore((s) => s.connection)
  const draftRevision = useStore((s) => s.draftRevision)

  return (
    <section className="page" aria-labelledby="connections-title">
      <header className="page-header">
        <h1 id="connections-title">Connections</h1>
      </header>
      {connection.status === 'connected' && connection.server && (
        <ServerPanel
          key={connection.target?.label}
          label={connection.target?.label}
          server={connection.server}
        />
      )}
      <ConnectionForm key={draftRevision} />
      <ProfileList />
    </section>
  )
}
