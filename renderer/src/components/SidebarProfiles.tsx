import { useStore } from '../store'
import { embeddedProfile } from '../store/profiles-slice'

/** Saved profiles in the sidebar: the embedded TimescaleDB first; picking one connects. */
export function SidebarProfiles() {
  const loaded = useStore((s) => s.profiles)
  // Until the list arrives (or if reading it failed): the built-in engine is always there.
  const profiles = loaded.length > 0 ? loaded : [embeddedProfile]
  const connection = useStore((s) => s.connection)
  const pickProfile = useStore((s) => s.pickProfile)
  const currentId = connection.status === 'connected' ? connection.target?.profileId : undefined
  return (
    <nav className="sidebar-profiles" aria-labelledby="sidebar-profiles-title">
      <h2 id="sidebar-profiles-title" className="sidebar-heading">
        Profiles
      </h2>
      <ul>
        {profiles.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="nav-item profile-item"
              aria-current={p.id === currentId ? 'true' : undefined}
              title={p.kind === 'server' && !p.passwordSaved ? 'Password not saved' : undefined}
              onClick={() => void pickProfile(p.id)}
            >
              <span
                className={`status-dot ${p.id === currentId ? 'status-connected' : ''}`}
                aria-hidden="true"
              />
              {p.name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
