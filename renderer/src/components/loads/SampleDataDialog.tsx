import { useState } from 'react'
import { useStore } from '../../store'
import { JobCard } from './JobCard'
import { Modal } from './Modal'
import { SampleDataForm } from './SampleDataForm'

/**
 * "Generate sample data": the choices, then the running load with its
 * progress and Cancel, then what it did. Opened by the Sensors page's button
 * and by any view through openSampleDataDialog(); rendered by App.
 */
export function SampleDataDialog() {
  const close = useStore((s) => s.closeSampleDataDialog)
  const job = useStore((s) => (s.activeJobId ? s.jobs[s.activeJobId] : undefined))
  const [showJob, setShowJob] = useState(() => job?.kind === 'ingest' && job.status === 'running')
  const shown = showJob && job?.kind === 'ingest' ? job : undefined

  return (
    <Modal title="Generate sample data" onClose={close} wide>
      {shown ? (
        <>
          <JobCard job={shown} />
          {shown.status !== 'running' && (
            <div className="actions">
              <button type="button" onClick={() => setShowJob(false)}>
                Generate more
              </button>
              <button type="button" className="primary" onClick={close}>
                Done
              </button>
            </div>
          )}
          {shown.status === 'running' && (
            <p className="muted">
              You can close this dialog: the load goes on, and the Sensors page shows its progress.
            </p>
          )}
        </>
      ) : (
        <SampleDataForm onStarted={() => setShowJob(true)} />
      )}
    </Modal>
  )
}
