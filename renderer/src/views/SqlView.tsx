import { ConsoleSidePanel } from '../components/console/ConsoleSidePanel'
import { ConsoleTabBar } from '../components/console/ConsoleTabBar'
import { ConsoleTabPane } from '../components/console/ConsoleTabPane'
import { Modal } from '../components/loads/Modal'
import { useStore } from '../store'
import { InlineError } from '../components/InlineError'

/**
 * The SQL page: tabs of queries for the current connection, each with its
 * editor, toolbar, parameters and result; snippets and history beside them.
 * It renders the console slices and dispatches their actions.
 */
export function SqlView() {
  const connected = useStore((s) => s.connection.status === 'connected')
  const server = useStore((s) => s.connection.target?.kind === 'server')
  const status = useStore((s) => s.consoleTabsStatus)
  const error = useStore((s) => s.consoleTabsError)
  const active = useStore((s) => s.consoleTabs.find((t) => t.id === s.consoleActiveId) ?? null)

  return (
    <section className="page page-wide" aria-labelledby="sql-title">
      <header className="page-header">
        <h1 id="sql-title">SQL</h1>
      </header>
      {!connected && (
        <p className="muted">Not connected. Connect to a database on the Connections page.</p>
      )}
      {connected && status === 'loading' && <progress aria-label="Loading the SQL tabs" />}
      {connected && status === 'error' && (
        <InlineError>Could not read the SQL tabs: {error}</InlineError>
      )}
      {connected && server && (
        <p className="muted console-hint">
          Read-only is on for a server until you turn it off in a tab: its statements run inside
          BEGIN READ ONLY, so nothing is written by mistake.
        </p>
      )}
      {connected && status === 'ready' && (
        <div className="console-layout">
          <div className="console-main">
            <ConsoleTabBar />
            {active && <ConsoleTabPane tab={active} />}
          </div>
          <ConsoleSidePanel />
        </div>
      )}
      <CloseTabDialog />
    </section>
  )
}

/** Closing a tab with an open transaction rolls it back: asked first. */
function CloseTabDialog() {
  const closing = useStore((s) => s.consoleTabs.find((t) => t.id === s.consoleClosingId) ?? null)
  const closeConsoleTab = useStore((s) => s.closeConsoleTab)
  const keepConsoleTab = useStore((s) => s.keepConsoleTab)
  if (!closing) return null
  return (
    <Modal title={`Close ${closing.title}?`} onClose={keepConsoleTab}>
      <p>
        This tab has an open transaction. Closing it rolls the transaction back: whatever it wrote
        since BEGIN is lost.
      </p>
      <div className="actions">
        <button type="button" onClick={keepConsoleTab}>
          Keep the tab
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => void closeConsoleTab(closing.id, true)}
        >
          Close and roll back
        </button>
      </div>
    </Modal>
  )
}
