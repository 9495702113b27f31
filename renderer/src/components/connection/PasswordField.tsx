import { useEffect, type RefObject } from 'react'
import { useStore } from '../../store'

/**
 * The password lives only in this input (never in the store): the form reads
 * it when submitting. It takes the focus when the server asks for a password.
 */
export function PasswordField({
  id,
  input,
}: {
  id: string
  input: RefObject<HTMLInputElement | null>
}) {
  const draft = useStore((s) => s.draft)
  const remember = useStore((s) => s.draftRemember)
  const setRemember = useStore((s) => s.setDraftRemember)
  const storage = useStore((s) => s.passwordStorage)
  const askPassword = useStore((s) => s.draftMessage?.askPassword === true)
  const canRemember = storage?.mode !== 'unavailable'

  useEffect(() => {
    if (askPassword) input.current?.focus()
  }, [askPassword, input])

  return (
    <div className="field">
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        ref={input}
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
        {storage?.message ?? ''}
      </p>
    </div>
  )
}
