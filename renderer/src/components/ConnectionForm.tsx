import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import { formatConnectionUrl, parseConnectionString } from '../../../shared/connection-string'
import {
  describeTls,
  sslModes,
  type ConnectionTargetInput,
  type ServerInfo,
  type ServerParamsInput,
  type SslMode,
} from '../../../shared/domain/connection'
import { call } from '../api/client'
import { useStore } from '../store'
import { Field } from './Field'
import { draftFields, needsPassword, type ConnectionDraft } from '../store/profiles-slice'

const MAX_CA_BYTES = 256 * 1024

const sslModeHelp: Record<SslMode, string> = {
  disable: 'No TLS: everything, the password exchange included, travels in plain text.',
  prefer: 'TLS when the server offers it, without checking the certificate; plain text otherwise.',
  require:
    'Always encrypted; the certificate is not checked (unless you pick a CA certificate, then its chain is).',
  'verify-ca':
    'Encrypted, and the certificate must be signed by the CA (picked below, or a public one).',
  'verify-full': 'Encrypted, signed by the CA, and issued for this host name. The safest choice.',
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** "Connection works: PostgreSQL 17.5 · TimescaleDB not installed · TLS on (TLSv1.3) · …" */
function describeTest(info: ServerInfo): string {
  const ts = info.timescaledb
  const timescale = ts.installed
    ? `TimescaleDB ${ts.installed}`
    : `TimescaleDB not installed${ts.available ? ` (${ts.available} available)` : ''}`
  return `Connection works: PostgreSQL ${info.serverVersion} · ${timescale} · TLS ${describeTls(info.tls)}`
}

function labelOf(draft: ConnectionDraft): string {
  return `${draft.user}@${draft.host}:${draft.port}/${draft.database}`
}

/**
 * The connection form. URL and fields stay in sync both ways; the password
 * lives only in its input (never in the store) and is read when submitting.
 * Keyed by the draft revision, so picking a profile starts it afresh.
 */
export function ConnectionForm() {
  const draft = useStore((s) => s.draft)
  const updateDraft = useStore((s) => s.updateDraft)
  const markSaved = useStore((s) => s.markSaved)
  const newDraft = useStore((s) => s.newDraft)
  const message = useStore((s) => s.formMessage)
  const setMessage = useStore((s) => s.setFormMessage)
  const connectFromForm = useStore((s) => s.connectFromForm)
  const loadProfiles = useStore((s) => s.loadProfiles)
  const passwordStorage = useStore((s) => s.passwordStorage)
  const id = useId()
  const passwordRef = useRef<HTMLInputElement>(null)
  const [url, setUrl] = useState(() => formatConnectionUrl(draftFields(draft)))
  const [urlEditedLast, setUrlEditedLast] = useState(false)
  const [urlProblem, setUrlProblem] = useState<string | null>(null)
  const [urlNotes, setUrlNotes] = useState<string[]>([])
  const [busy, setBusy] = useState<'test' | 'connect' | 'save' | null>(null)
  const canRemember = passwordStorage?.mode !== 'unavailable'
  const [remember, setRemember] = useState(true)
  const [profileName, setProfileName] = useState(draft.profileName)

  useEffect(() => {
    if (message?.askPassword) passwordRef.current?.focus()
  }, [message])

  const editFields = (patch: Partial<ConnectionDraft>) => {
    updateDraft(patch)
    setUrl(formatConnectionUrl(draftFields({ ...draft, ...patch })))
    setUrlEditedLast(false)
    setUrlProblem(null)
    setUrlNotes([])
  }

  const editUrl = (text: string) => {
    setUrl(text)
    setUrlEditedLast(true)
    if (!text.trim()) {
      setUrlProblem(null)
      setUrlNotes([])
      return
    }
    try {
      const parsed = parseConnectionString(text)
      const f = parsed.fields
      updateDraft({
        host: f.host,
        port: String(f.port),
        database: f.database,
        user: f.user,
        sslmode: f.sslmode,
        connectTimeoutSeconds: f.connectTimeoutSeconds,
      })
      if (parsed.password !== undefined && passwordRef.current) {
        passwordRef.current.value = parsed.password
      }
      setUrlProblem(null)
      setUrlNotes(parsed.notes)
    } catch (error) {
      setUrlProblem(errorText(error))
    }
  }

  /** Once a pasted password is in the Password field, stop showing it in the URL. */
  const hidePasswordInUrl = () => {
    if (urlProblem || !url.trim()) return
    try {
      if (parseConnectionString(url).password !== undefined) {
        setUrl(formatConnectionUrl(draftFields(draft)))
      }
    } catch {
      // Left as typed: the problem is shown under the URL.
    }
  }

  const onCaFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    if (!file) return
    if (file.size > MAX_CA_BYTES) {
      setMessage({ kind: 'error', text: `${file.name} is too large for a CA certificate.` })
    } else {
      const text = await file.text()
      if (!text.includes('-----BEGIN CERTIFICATE-----')) {
        setMessage({
          kind: 'error',
          text: `${file.name} is not a PEM certificate (it has no "-----BEGIN CERTIFICATE-----").`,
        })
      } else {
        updateDraft({ caCertPem: text, caCertName: file.name })
        setMessage(null)
      }
    }
    input.value = ''
  }

  /** What to connect to, as the backend will resolve it; null (with a message) if incomplete. */
  const buildTarget = (): { target: ConnectionTargetInput; label: string } | null => {
    const password = passwordRef.current?.value || undefined
    const withPassword = password ? { password } : {}
    if (draft.profileId && !draft.dirty) {
      return {
        target: { kind: 'profile', profileId: draft.profileId, ...withPassword },
        label: draft.profileName,
      }
    }
    const ca = draft.caCertPem
      ? {
          caCertPem: draft.caCertPem,
          ...(draft.caCertName ? { caCertName: draft.caCertName } : {}),
        }
      : {}
    if (urlEditedLast && url.trim()) {
      // The backend parses the URL again; a malformed one comes back as a clear error.
      return {
        target: { kind: 'url', url: url.trim(), ...withPassword, ...ca },
        label: labelOf(draft),
      }
    }
    const params = serverParams(draft)
    if (typeof params === 'string') {
      setMessage({ kind: 'error', text: params })
      return null
    }
    return {
      target: { kind: 'server', params: { ...params, ...withPassword, ...ca } },
      label: labelOf(draft),
    }
  }

  const run = async (kind: 'test' | 'connect' | 'save', work: () => Promise<void>) => {
    setBusy(kind)
    try {
      await work()
    } finally {
      setBusy(null)
    }
  }

  const onTest = () =>
    run('test', async () => {
      const built = buildTarget()
      if (!built) return
      setMessage({ kind: 'info', text: `Testing the connection to ${built.label}…` })
      try {
        const info = await call('connection/test', { target: built.target })
        setMessage({ kind: 'success', text: describeTest(info) })
      } catch (error) {
        setMessage({ kind: 'error', text: errorText(error), askPassword: needsPassword(error) })
      }
    })

  const onConnect = (event: FormEvent) => {
    event.preventDefault()
    void run('connect', async () => {
      const built = buildTarget()
      if (built) await connectFromForm(built.target, built.label)
    })
  }

  const onSave = () =>
    run('save', async () => {
      const params = serverParams(draft)
      if (typeof params === 'string') {
        setMessage({ kind: 'error', text: params })
        return
      }
      const password = passwordRef.current?.value || undefined
      const name = profileName.trim() || labelOf(draft)
      try {
        const reply = await call('profiles/save', {
          ...(draft.profileId ? { id: draft.profileId } : {}),
          name,
          params: {
            ...params,
            ...(password && remember && canRemember ? { password } : {}),
            ...(draft.caCertPem ? { caCertPem: draft.caCertPem } : {}),
            ...(draft.caCertName ? { caCertName: draft.caCertName } : {}),
          },
          savePassword: remember && canRemember,
        })
        markSaved(reply.profile)
        setProfileName(reply.profile.name)
        setMessage({
          kind: 'success',
          text: `Profile "${reply.profile.name}" saved. ${reply.password.message}`,
        })
        await loadProfiles()
      } catch (error) {
        setMessage({ kind: 'error', text: errorText(error) })
      }
    })

  const rememberHint = passwordStorage?.message ?? ''

  return (
    <article className="card" aria-labelledby={`${id}-title`}>
      <div className="card-header">
        <h2 id={`${id}-title`}>Connect to a server</h2>
        {draft.profileId && (
          <span className="badge">
            Profile: {draft.profileName}
            {draft.dirty ? ' (edited)' : ''}
          </span>
        )}
      </div>
      <form
        className="connection-form"
        noValidate
        onSubmit={onConnect}
        aria-labelledby={`${id}-title`}
      >
        <div className="field field-wide">
          <label htmlFor={`${id}-url`}>Connection URL</label>
          <input
            id={`${id}-url`}
            className="mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={url}
            placeholder="postgresql://user@host:5432/dbname?sslmode=require"
            aria-describedby={`${id}-url-help`}
            aria-invalid={urlProblem ? true : undefined}
            onChange={(e) => editUrl(e.currentTarget.value)}
            onBlur={hidePasswordInUrl}
          />
          <p id={`${id}-url-help`} className={urlProblem ? 'field-error' : 'hint'}>
            {urlProblem ??
              'A postgres:// URL or key=value settings (host=… dbname=… user=… sslmode=…). Editing it fills the fields below, and the other way round.'}
          </p>
          {urlNotes.length > 0 && (
            <ul className="hint notes">
              {urlNotes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>

        <Field
          label="Host"
          type="text"
          spellCheck={false}
          value={draft.host}
          onChange={(e) => editFields({ host: e.currentTarget.value })}
        />
        <Field
          label="Port"
          className="field-narrow"
          type="text"
          inputMode="numeric"
          value={draft.port}
          onChange={(e) =>
            editFields({ port: e.currentTarget.value.replace(/\D/g, '').slice(0, 5) })
          }
        />
        <Field
          label="Database"
          type="text"
          spellCheck={false}
          value={draft.database}
          onChange={(e) => editFields({ database: e.currentTarget.value })}
        />
        <Field
          label="User"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={draft.user}
          onChange={(e) => editFields({ user: e.currentTarget.value })}
        />
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            ref={passwordRef}
            type="password"
            autoComplete="off"
            placeholder={draft.profileId && draft.passwordSaved && !draft.dirty ? 'saved' : ''}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={remember && canRemember}
              disabled={!canRemember}
              aria-describedby={`${id}-remember-help`}
              onChange={(e) => setRemember(e.currentTarget.checked)}
            />
            Remember it in the saved profile
          </label>
          <p id={`${id}-remember-help`} className="hint">
            {rememberHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sslmode`}>SSL mode</label>
          <select
            id={`${id}-sslmode`}
            value={draft.sslmode}
            aria-describedby={`${id}-sslmode-help`}
            onChange={(e) => editFields({ sslmode: e.currentTarget.value as SslMode })}
          >
            {sslModes.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </select>
          <p id={`${id}-sslmode-help`} className="hint">
            {sslModeHelp[draft.sslmode]}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-ca`}>CA certificate</label>
          <input
            id={`${id}-ca`}
            type="file"
            accept=".pem,.crt,.cer,.cert"
            aria-describedby={`${id}-ca-help`}
            onChange={(e) => void onCaFile(e)}
          />
          <p id={`${id}-ca-help`} className="hint">
            {draft.caCertName ? (
              <>
                Using <span className="mono">{draft.caCertName}</span>{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => updateDraft({ caCertPem: undefined, caCertName: undefined })}
                >
                  Remove file
                </button>
              </>
            ) : (
              'For verify-ca and verify-full with a private CA: pick its certificate file (PEM).'
            )}
          </p>
        </div>

        <div className="form-actions">
          <button type="button" disabled={busy !== null} onClick={() => void onTest()}>
            Test connection
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            Connect
          </button>
        </div>

        {message && (
          <p
            className={`form-message form-message-${message.kind}`}
            role={message.kind === 'error' ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}

        <div className="form-actions save-row">
          <Field
            label="Profile name"
            type="text"
            maxLength={100}
            value={profileName}
            placeholder={labelOf(draft)}
            onChange={(e) => setProfileName(e.currentTarget.value)}
          />
          <button type="button" disabled={busy !== null} onClick={() => void onSave()}>
            Save profile
          </button>
          {draft.profileId && (
            <button type="button" className="link-button" onClick={newDraft}>
              Clear the form
            </button>
          )}
        </div>
      </form>
    </article>
  )
}

/** The fields as request params, or what is missing. */
function serverParams(draft: ConnectionDraft): ServerParamsInput | string {
  const missing = (
    [
      ['Host', draft.host],
      ['Database', draft.database],
      ['User', draft.user],
    ] as const
  )
    .filter(([, value]) => !value.trim())
    .map(([name]) => name)
  if (missing.length > 0) {
    return `Fill in ${missing.join(', ')} (or paste a connection URL).`
  }
  const port = Number(draft.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return 'The port must be a number from 1 to 65535.'
  }
  return {
    host: draft.host.trim(),
    port,
    database: draft.database,
    user: draft.user,
    sslmode: draft.sslmode,
    connectTimeoutSeconds: draft.connectTimeoutSeconds,
  }
}
