import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useStore } from '../../store'
import { labelOf } from '../../store/connection-draft'
import { Field } from '../Field'
import { ConnectionUrlField } from './ConnectionUrlField'
import { PasswordField } from './PasswordField'
import { ServerFields } from './ServerFields'
import { TlsFields } from './TlsFields'

/**
 * The connection form, over the connection-draft slice: URL and fields stay
 * in sync both ways, and Test, Connect and Save are the slice's actions. Its
 * secrets stay in its inputs (the password, and a typed URL, which may carry
 * one) and are handed to the action when submitting. Keyed by the draft
 * revision, so picking a profile starts it afresh.
 */
export function ConnectionForm() {
  const draft = useStore((s) => s.draft)
  const message = useStore((s) => s.draftMessage)
  const busy = useStore((s) => s.draftBusy)
  const profileName = useStore((s) => s.draftProfileName)
  const setProfileName = useStore((s) => s.setDraftProfileName)
  const newDraft = useStore((s) => s.newDraft)
  const testDraft = useStore((s) => s.testDraft)
  const connectDraft = useStore((s) => s.connectDraft)
  const saveDraft = useStore((s) => s.saveDraft)
  const id = useId()
  const passwordRef = useRef<HTMLInputElement>(null)
  const messageRef = useRef<HTMLParagraphElement>(null)
  // The outcome sits below the buttons, often below the window's edge: bring it into view
  // (after PasswordField, a child, has taken the focus when a password is asked for).
  // Braces matter: Chromium's scrollIntoView returns a promise, which React would take
  // for the effect's cleanup function and call (a blank page).
  useEffect(() => {
    messageRef.current?.scrollIntoView({ block: 'nearest' })
  }, [message])
  const [typedUrl, setTypedUrl] = useState<string | null>(null)
  const secrets = () => ({
    ...(passwordRef.current?.value ? { password: passwordRef.current.value } : {}),
    ...(typedUrl !== null ? { typedUrl } : {}),
  })

  const onConnect = (event: FormEvent) => {
    event.preventDefault()
    void connectDraft(secrets())
  }

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
        <ConnectionUrlField
          id={id}
          typed={typedUrl}
          onTyped={setTypedUrl}
          onPassword={(text) => {
            if (passwordRef.current) passwordRef.current.value = text
          }}
        />
        <ServerFields />
        <PasswordField id={id} input={passwordRef} />
        <TlsFields id={id} />

        <div className="form-actions">
          <button type="button" disabled={busy !== null} onClick={() => void testDraft(secrets())}>
            Test connection
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            Connect
          </button>
        </div>

        {message && (
          <p
            ref={messageRef}
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
          <button type="button" disabled={busy !== null} onClick={() => void saveDraft(secrets())}>
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
