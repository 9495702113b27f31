import { describeServer } from '../../../shared/domain/connection'
import { useStore } from '../store'
import { TimeZonePicker } from './TimeZonePicker'

export function StatusBar() {
  const connection = useStore((s) => s.connection)
  let text = 'Not connected'
  if (connection.status === 'connecting' && connection.target) {
    text = `Connecting to ${connection.target.label}…`
  }
  if (connection.status === 'connected' && connection.target && connection.server) {
    text = describeServer(connection.target, connection.server)
  }
  return (
    <footer className="status-bar" aria-label="Status bar">
      <span className={`status-dot status-${connection.status}`} aria-hidden="true" />
      <span role="status">{text}</span>
      <TimeZonePicker />
    </footer>
  )
}
