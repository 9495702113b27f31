import { useId, useState, type FormEvent } from 'react'
import { EMBEDDED_LABEL } from '../../../shared/domain/connection'
import type { Profile } from '../../../shared/domain/profiles'
import { useStore } from '../store'
import { embeddedProfile } from '../store/profiles-slice'

/** The built-in engine: where its data lives, and a reset that asks first. */
export function EmbeddedCard({ profile }: { profile: Profile }) {
  const connection = useStore((s) => s.connection)
  const appInfo = useStore((s) => s.appInfo)
  const pickProfile = useStore((s) => s.pickProfile)
  const resetEmbedded = useStore((s) => s.resetEmbedded)
  const resetting = useStore((s) => s.resettingEmbedded)
  const [confirming, setConfirming] = useState(false)
  const onEmbedded = connection.target?.kind === 'embedded'
  const connected = onEmbedded && connection.status === 'connected'
  const starting = onEmbedded && connection.status === 'connecting'
  const dataDir = profile.dataDir ?? appInfo?.embeddedDataDir

  const reset = async () => {
    await resetEmbedded()
    setConfirming(false)
  }

  return (
    <article className="card" aria-label={EMBEDDED_LABEL}>
      <div className="card-header">
        <h2>{EMBEDDED_LABEL}</h2>
        {connected && <span className="badge badge-ok">Connected</span>}
        {(starting || resetting) && <span className="badge">Starting…</span>}
      </div>
      <p className="muted">
        TimescaleDB running inside the app (PostgreSQL compiled to WebAssembly). No server to
        install; your data stays on this machine. Always available; it cannot be deleted.
      </p>
      {dataDir && (
        <dl className="facts">
          <dt>Data folder</dt>
          <dd className="mono">{dataDir}</dd>
        </dl>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm reset">
          <p>
            Delete every table and row in the embedded database (the folder above) and start it
            empty? This cannot be undone.
          </p>
          <button
            type="button"
            className="danger"
            disabled={resetting}
            onClick={() => void reset()}
          >
            Delete all data
          </button>
          <button type="button" disabled={resetting} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="card-actions">
          {!connected && (
            <button
              type="button"
              className="primary"
              disabled={starting}
              onClick={() => void pickProfile(profile.id)}
            >
              Open
            </button>
          )}
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Reset data…
          </button>
        </div>
      )}
    </article>
  )
}

function describeProfile(profile: Profile): string {
  const p = profile.params
  if (!p) return ''
  return `${p.user}@${p.host}:${p.port}/${p.database} · SSL mode ${p.sslmode}${
    p.caCertName ? ` · CA ${p.caCertName}` : ''
  }`
}

/** One saved server profile: open, rename, delete. */
function ProfileCard({ profile }: { profile: Profile }) {
  const connection = useStore((s) => s.connection)
  const pickProfile = useStore((s) => s.pickProfile)
  const renameProfile = useStore((s) => s.renameProfile)
  const deleteProfile = useStore((s) => s.deleteProfile)
  const id = useId()
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle')
  const [name, setName] = useState(profile.name)
  const current = connection.status === 'connected' && connection.target?.profileId === profile.id

  const submitRename = async (event: FormEvent) => {
    event.preventDefault()
    // On failure the notification says why, and the field keeps the name to fix.
    if (await renameProfile(profile.id, name)) setMode('idle')
  }

  return (
    <article className="card profile-card" aria-label={profile.name}>
      <div className="card-header">
        <h3>{profile.name}</h3>
        {current && <span className="badge badge-ok">Connected</span>}
        <span className={profile.passwordSaved ? 'badge badge-ok' : 'badge'}>
          {profile.passwordSaved ? 'password saved' : 'password not saved'}
        </span>
      </div>
      <p className="mono muted">{describeProfile(profile)}</p>
      {mode === 'rename' && (
        <form className="inline-form" onSubmit={(e) => void submitRename(e)}>
          <label htmlFor={`${id}-name`}>New name</label>
          <input
            id={`${id}-name`}
            type="text"
            maxLength={100}
            value={name}
            autoFocus
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <button type="submit" className="primary">
            Save name
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      )}
      {mode === 'delete' && (
        <div className="confirm" role="group" aria-label="Confirm delete">
          <p>
            Delete the profile “{profile.name}” and its saved password? The server is not touched.
          </p>
          <button
            type="button"
            className="danger"
            onClick={() =>
              void deleteProfile(profile.id).then((deleted) => deleted || setMode('idle'))
            }
          >
            Delete profile
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </div>
      )}
      {mode === 'idle' && (
        <div className="card-actions">
          <button type="button" className="primary" onClick={() => void pickProfile(profile.id)}>
            Open
          </button>
          <button
            type="button"
            onClick={() => {
              setName(profile.name)
              setMode('rename')
            }}
          >
            Rename
          </button>
          <button type="button" className="danger" onClick={() => setMode('delete')}>
            Delete
          </button>
        </div>
      )}
    </article>
  )
}

/** Every profile: the embedded engine first, then the saved ones. */
export function ProfileList() {
  const profiles = useStore((s) => s.profiles)
  const embedded = profiles.find((p) => p.kind === 'embedded') ?? embeddedProfile
  const saved = profiles.filter((p) => p.kind === 'server')
  return (
    <section aria-labelledby="profiles-title">
      <h2 id="profiles-title" className="section-title">
        Profiles
      </h2>
      <EmbeddedCard profile={embedded} />
      {saved.length === 0 ? (
        <p className="muted empty-state">
          No saved profiles yet. Fill in the form above and press “Save profile” to keep a server
          here and in the sidebar.
        </p>
      ) : (
        saved.map((p) => <ProfileCard key={p.id} profile={p} />)
      )}
    </section>
  )
}
