import type { HypertableRef } from '../../../../shared/domain/hypertables'
import { useStore } from '../../store'
import { ChunkJobForm } from './ChunkJobForm'
import { CompressionFigures } from './CompressionFigures'
import { EnableCompressionForm } from './EnableCompressionForm'
import { PolicyForm } from './PolicyForm'
import { InlineError } from '../InlineError'

/**
 * Compression of one hypertable: its status and figures; "Enable compression"
 * while it is off; once on, compressing and decompressing chunks as a job and
 * the compression policy.
 */
export function CompressionTab({ table }: { table: HypertableRef }) {
  const status = useStore((s) => s.htReads.compression.value)
  const busy = useStore((s) => s.htBusy)
  const error = useStore((s) => s.htActionError)
  const changePolicy = useStore((s) => s.changeCompressionPolicy)
  if (!status) return null
  return (
    <>
      <CompressionFigures status={status} />
      {error && <InlineError>{error}</InlineError>}
      {!status.enabled && <EnableCompressionForm table={table} status={status} />}
      {status.enabled && (
        <>
          <ChunkJobForm table={table} integerTime={status.hypertable.integerTime} />
          <PolicyForm
            title="Compression policy"
            what="compresses"
            ageLabel="Compress after"
            current={
              status.policy && {
                age: status.policy.after,
                jobId: status.policy.jobId,
                scheduled: status.policy.scheduled,
              }
            }
            busy={busy === 'compression-policy'}
            onAdd={(after) => void changePolicy(table, after)}
            onRemove={() => void changePolicy(table, null)}
          />
        </>
      )}
    </>
  )
}
