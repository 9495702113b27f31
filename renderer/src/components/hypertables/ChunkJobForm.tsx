import { useState } from 'react'
import type { HypertableRef } from '../../../../shared/domain/hypertables'
import { useStore } from '../../store'
import { latestChunkJob } from '../../store/jobs-state'
import { AgeField, ageOf, type AgeDraft } from './AgeField'
import { ChunkJobProgress } from './ChunkJobProgress'

/**
 * "Compress chunks" / "Decompress chunks", all of them or those older than an
 * age, as a job: one chunk at a time, with progress and Cancel.
 */
export function ChunkJobForm({
  table,
  integerTime,
}: {
  table: HypertableRef
  integerTime: boolean
}) {
  const [draft, setDraft] = useState<AgeDraft>({ amount: '', unit: 'days' })
  const label = `${table.schema}.${table.name}`
  const job = useStore((s) => latestChunkJob(s.chunkJobs, label))
  const start = useStore((s) => s.startChunkJob)
  const running = job?.status === 'running'
  const age = ageOf(draft)
  // Empty means every chunk; anything else must be a valid age.
  const ready = draft.amount.trim() === '' || age !== null
  return (
    <section className="chunk-job" aria-label="Compress or decompress chunks">
      <h3>Compress or decompress chunks</h3>
      <p className="muted">
        One chunk at a time, each in a transaction of its own: a cancel stops between chunks, and
        every chunk ends compressed or not, never half.
        {integerTime
          ? ' This hypertable’s time column is an integer, so every chunk is worked on.'
          : ' Leave “Older than” empty for every chunk.'}
      </p>
      {!integerTime && (
        <AgeField label="Older than" unitLabel="Age unit" value={draft} onChange={setDraft} />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={running || !ready}
          onClick={() => void start('compress', table, age)}
        >
          Compress chunks
        </button>
        <button
          type="button"
          disabled={running || !ready}
          onClick={() => void start('decompress', table, age)}
        >
          Decompress chunks
        </button>
      </div>
      {job && <ChunkJobProgress job={job} />}
    </section>
  )
}
