import type { JobProgress, JobSummary } from '../../../../shared/domain/jobs'
import { formatBytes, formatCount } from '../../format'
import { useStore } from '../../store'
import type { ChunkJob } from '../../store/jobs-state'

const titles: Record<ChunkJob['status'], Record<ChunkJob['kind'], string>> = {
  running: { compress: 'Compressing chunks', decompress: 'Decompressing chunks' },
  succeeded: { compress: 'Chunks compressed', decompress: 'Chunks decompressed' },
  cancelled: { compress: 'Compression cancelled', decompress: 'Decompression cancelled' },
  failed: { compress: 'Compression failed', decompress: 'Decompression failed' },
}

function describeStep(p: JobProgress): string {
  if (p.phase === 'waiting') {
    const ahead = p.ahead ?? 1
    return `Waiting: ${formatCount(ahead)} load${ahead === 1 ? '' : 's'} or job${ahead === 1 ? '' : 's'} ahead on this server; this one starts when one finishes.`
  }
  const now = p.item ? ` · now ${p.item}` : ''
  const left = p.etaSeconds === null ? '' : ` · about ${formatCount(p.etaSeconds)} s left`
  return `${formatCount(p.done)} of ${formatCount(p.total)} chunks${now}${left}`
}

function describeSummary(kind: ChunkJob['kind'], s: JobSummary): string {
  const chunks = s.chunksTouched ?? 0
  const sizes =
    s.bytesBefore != null && s.bytesAfter != null
      ? `: ${formatBytes(s.bytesBefore)} → ${formatBytes(s.bytesAfter)}`
      : ''
  const verb = kind === 'compress' ? 'compressed' : 'decompressed'
  return `${formatCount(chunks)} chunk${chunks === 1 ? '' : 's'} ${verb} in ${(s.durationMs / 1000).toFixed(1)} s (≈ ${formatCount(s.rows)} rows)${sizes}.`
}

/** A chunk job's progress per chunk while it runs (with Cancel), then how it ended. */
export function ChunkJobProgress({ job }: { job: ChunkJob }) {
  const cancelJob = useStore((s) => s.cancelJob)
  const p = job.progress
  const total = Math.max(p?.total ?? job.prepared.length, 1)
  const done = Math.min(p?.done ?? 0, total)
  const verb = job.kind === 'compress' ? 'compressed' : 'decompressed'
  return (
    <section className="job-card" aria-label="Chunk job">
      <h4>{titles[job.status][job.kind]}</h4>
      {job.status === 'running' && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label={`Chunks ${verb}`}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={done}
            aria-valuetext={p ? describeStep(p) : 'Starting'}
          >
            <div
              className="progress-fill"
              style={{ width: `${Math.floor((done / total) * 100)}%` }}
            />
          </div>
          <p className="job-figures">{p ? describeStep(p) : 'Starting…'}</p>
          <button
            type="button"
            className="danger"
            disabled={job.cancelling}
            onClick={() => void cancelJob(job.jobId)}
          >
            Cancel
          </button>
          {job.cancelling && <p className="muted">Cancelling: stopping before the next chunk…</p>}
        </>
      )}
      {job.status === 'succeeded' && job.summary && (
        <p role="status" className="job-outcome job-ok">
          {describeSummary(job.kind, job.summary)}
        </p>
      )}
      {job.status === 'cancelled' && job.error && (
        <p role="status" className="job-outcome">
          {job.error.message}
        </p>
      )}
      {job.status === 'failed' && job.error && (
        <p role="alert" className="job-outcome job-failed">
          {job.error.message}
        </p>
      )}
    </section>
  )
}
