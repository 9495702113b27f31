import type { KeyboardEvent, ReactNode } from 'react'
import type { HypertableRef } from '../../../../shared/domain/hypertables'
import { useStore } from '../../store'
import { hypertableTabs, type HypertableTab } from '../../store/hypertable-slice'
import { ChunksTab } from './ChunksTab'
import { CompressionTab } from './CompressionTab'
import { JobsTab } from './JobsTab'
import { RetentionTab } from './RetentionTab'

const labels: Record<HypertableTab, string> = {
  chunks: 'Chunks',
  compression: 'Compression',
  retention: 'Retention',
  jobs: 'Jobs',
}

const panels: Record<HypertableTab, (table: HypertableRef) => ReactNode> = {
  chunks: () => <ChunksTab />,
  compression: (table) => <CompressionTab table={table} />,
  retention: (table) => <RetentionTab table={table} />,
  jobs: () => <JobsTab />,
}

/**
 * Inside a hypertable: its chunks, compression, retention and background jobs,
 * one tab at a time (arrow keys move between tabs, as WAI-ARIA's tabs do).
 */
export function HypertableTabs({ table }: { table: HypertableRef }) {
  const tab = useStore((s) => s.hypertableTab)
  const reading = useStore((s) => s.htReads[s.hypertableTab])
  const setTab = useStore((s) => s.setHypertableTab)
  const readAgain = useStore((s) => s.readHypertableTab)

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const at = hypertableTabs.indexOf(tab)
    const next = hypertableTabs[(at + step + hypertableTabs.length) % hypertableTabs.length]!
    setTab(next)
    document.getElementById(`ht-tab-${next}`)?.focus()
  }

  return (
    <section className="panel hypertable-tabs" aria-label={`Inside ${table.name}`}>
      <div role="tablist" aria-label="Inside the hypertable" className="tabs" onKeyDown={onKeyDown}>
        {hypertableTabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`ht-tab-${t}`}
            aria-selected={t === tab}
            aria-controls="ht-panel"
            tabIndex={t === tab ? 0 : -1}
            onClick={() => setTab(t)}
          >
            {labels[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="ht-panel" aria-labelledby={`ht-tab-${tab}`} className="tab-panel">
        {reading.status === 'loading' && (
          <progress aria-label={`Reading ${labels[tab].toLowerCase()}`} />
        )}
        {reading.status === 'error' && (
          <div className="inline-error" role="alert">
            <p>{reading.error}</p>
            <button type="button" onClick={() => void readAgain()}>
              Try again
            </button>
          </div>
        )}
        {panels[tab](table)}
      </div>
    </section>
  )
}
