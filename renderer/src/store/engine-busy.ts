/**
 * The embedded engine is one WebAssembly session: a load holds it from its
 * first COPY piece to its commit, so any other statement waits behind the
 * whole load (7 s for 345k rows). Charts therefore queue their query until the
 * load ends and say so, instead of sitting on a spinner with no word why.
 */
import type { Store } from '.'

/** A load is holding the embedded engine (a CSV still being received does not). */
export function embeddedLoadRunning(s: Store): boolean {
  if (s.connection.target?.kind !== 'embedded') return false
  return Object.values(s.jobs).some(
    (job) =>
      (job.kind === 'ingest' || job.kind === 'import') &&
      job.status === 'running' &&
      job.progress?.phase !== 'receiving',
  )
}
