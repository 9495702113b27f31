import type { KeyboardEvent } from 'react'
import { useStore } from '../../store'

/** The tabs of the SQL page, one per query (kept across restarts); arrow keys move between them. */
export function ConsoleTabBar() {
  const tabs = useStore((s) => s.consoleTabs)
  const activeId = useStore((s) => s.consoleActiveId)
  const selectConsoleTab = useStore((s) => s.selectConsoleTab)
  const closeConsoleTab = useStore((s) => s.closeConsoleTab)
  const addConsoleTab = useStore((s) => s.addConsoleTab)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === activeId)
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    const next = step && tabs[(at + step + tabs.length) % tabs.length]
    if (!next) return
    event.preventDefault()
    selectConsoleTab(next.id)
    document.getElementById(`console-tab-${next.id}`)?.focus()
  }

  return (
    <div className="console-tabs">
      <div role="tablist" aria-label="SQL tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <span key={tab.id} className="console-tab">
            <button
              type="button"
              role="tab"
              id={`console-tab-${tab.id}`}
              aria-selected={tab.id === activeId}
              aria-controls={`console-panel-${tab.id}`}
              tabIndex={tab.id === activeId ? 0 : -1}
              onClick={() => selectConsoleTab(tab.id)}
            >
              {tab.title}
              {tab.tx !== 'none' && <span className="badge badge-warn"> transaction</span>}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Close ${tab.title}`}
              title="Close tab"
              onClick={() => void closeConsoleTab(tab.id)}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      <button type="button" onClick={() => addConsoleTab()}>
        New tab
      </button>
    </div>
  )
}
