import { useStore } from '../store'

/** Where every failed call ends up. Messages are rendered as text: they may come from a server. */
export function Notifications() {
  const notifications = useStore((s) => s.notifications)
  const dismiss = useStore((s) => s.dismiss)
  return (
    <section className="notifications" aria-label="Notifications">
      {notifications.map((n) => (
        <div
          key={n.id}
          className={`notification notification-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="notification-text">
            <strong>{n.title}</strong>
            <p>{n.message}</p>
          </div>
          <button type="button" className="icon-button" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  )
}
