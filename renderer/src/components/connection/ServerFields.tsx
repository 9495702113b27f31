import { useStore } from '../../store'
import { Field } from '../Field'

/** Host, Port, Database, User: each edit rewrites the URL. */
export function ServerFields() {
  const draft = useStore((s) => s.draft)
  const editDraft = useStore((s) => s.editDraft)
  return (
    <>
      <Field
        label="Host"
        type="text"
        spellCheck={false}
        value={draft.host}
        onChange={(e) => editDraft({ host: e.currentTarget.value })}
      />
      <Field
        label="Port"
        className="field-narrow"
        type="text"
        inputMode="numeric"
        value={draft.port}
        onChange={(e) => editDraft({ port: e.currentTarget.value.replace(/\D/g, '').slice(0, 5) })}
      />
      <Field
        label="Database"
        type="text"
        spellCheck={false}
        value={draft.database}
        onChange={(e) => editDraft({ database: e.currentTarget.value })}
      />
      <Field
        label="User"
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={draft.user}
        onChange={(e) => editDraft({ user: e.currentTarget.value })}
      />
    </>
  )
}
