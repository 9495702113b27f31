import { useState } from 'react'
import type { HypertableRef } from '../../../../shared/domain/hypertables'
import { useStore } from '../../store'
import { AgeField, ageOf, type AgeDraft } from './AgeField'
import { DropChunksConfirm } from './DropChunksConfirm'
import { PolicyForm } from './PolicyForm'
import { InlineError } from '../InlineError'

/**
 * Retention of one hypertable: its policy (add or remove), and "Drop chunks
 * older than…": a preview of what goes, dropped only once the table's name is typed.
 */
export function RetentionTab({ table }: { table: HypertableRef }) {
  const status = useStore((s) => s.htReads.retention.value)
  const busy = useStore((s) => s.htBusy)
  const error = useStore((s) => s.htActionError)
  const plan = useStore((s) => s.dropPlan)
  const changePolicy = useStore((s) => s.changeRetentionPolicy)
  const previewDrop = useStore((s) => s.previewDrop)
  const dropChunks = useStore((s) => s.dropChunks)
  const dismiss = useStore((s) => s.dismissDropPlan)
  const [draft, setDraft] = useState<AgeDraft>({ amount: '90', unit: 'days' })
  if (!status) return null
  const age = ageOf(draft)
  const shownPlan =
    plan && plan.table.schema === table.schema && plan.table.name === table.name ? plan : null
  return (
    <>
      {error && <InlineError>{error}</InlineError>}
      <PolicyForm
        title="Retention policy"
        what="drops"
        ageLabel="Drop after"
        current={
          status.policy && {
            age: status.policy.dropAfter,
            jobId: status.policy.jobId,
            scheduled: status.policy.scheduled,
          }
        }
        busy={busy === 'retention-policy'}
        onAdd={(after) => void changePolicy(table, after)}
        onRemove={() => void changePolicy(table, null)}
      />
      <section aria-label="Drop chunks">
        <h3>Drop chunks</h3>
        {status.hypertable.integerTime ? (
          <p className="muted">
            This hypertable’s time column is an integer: ages do not apply to it, so chunks cannot
            be dropped by age here.
          </p>
        ) : (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault()
              if (age) void previewDrop(table, age)
            }}
          >
            <AgeField label="Older than" unitLabel="Age unit" value={draft} onChange={setDraft} />
            <button type="submit" disabled={age === null || busy === 'drop-preview'}>
              Preview drop
            </button>
          </form>
        )}
        {shownPlan && (
          <DropChunksConfirm
            key={`${shownPlan.preview.cutoff}`}
            table={table.name}
            preview={shownPlan.preview}
            busy={busy === 'drop-chunks'}
            onDrop={(name) => void dropChunks(name)}
            onCancel={dismiss}
          />
        )}
      </section>
    </>
  )
}
