import { useState } from 'react'
import type { Age } from '../../../../shared/domain/hypertables'
import { AgeField, ageOf, type AgeDraft } from './AgeField'

/**
 * A compression or retention policy: what it does now, or a form to add one
 * ("Add compression policy" with its age); "Remove" takes it away.
 */
export function PolicyForm({
  title,
  what,
  ageLabel,
  current,
  busy,
  onAdd,
  onRemove,
}: {
  title: 'Compression policy' | 'Retention policy'
  /** The verb for the policy's work: "compresses", "drops". */
  what: string
  ageLabel: string
  current: { age: string; jobId: number; scheduled: boolean } | null
  busy: boolean
  onAdd: (age: Age) => void
  onRemove: () => void
}) {
  const [draft, setDraft] = useState<AgeDraft>({ amount: '30', unit: 'days' })
  const age = ageOf(draft)
  const noun = title.toLowerCase()
  return (
    <section className="policy" aria-label={title}>
      <h3>{title}</h3>
      {current ? (
        <>
          <p>
            Background job {current.jobId} {what} chunks older than {current.age}
            {current.scheduled ? ' on its schedule.' : ' (paused: resume it on the Jobs tab).'}
          </p>
          <button type="button" disabled={busy} onClick={onRemove}>
            Remove {noun}
          </button>
        </>
      ) : (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (age) onAdd(age)
          }}
        >
          <p className="muted">
            No {noun}: TimescaleDB {what} nothing by itself. Add one to have a background job do it.
          </p>
          <AgeField
            label={ageLabel}
            unitLabel={`${ageLabel} (unit)`}
            value={draft}
            onChange={setDraft}
          />
          <button type="submit" disabled={busy || age === null}>
            Add {noun}
          </button>
        </form>
      )}
    </section>
  )
}
