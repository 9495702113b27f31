import { useStore } from '../../store'
import type { ConsoleSide } from '../../store/console-library-slice'
import { HistoryList } from './HistoryList'
import { SnippetList } from './SnippetList'

const sides: [ConsoleSide, string][] = [
  ['snippets', 'Snippets'],
  ['history', 'History'],
]

/** Snippets (the quick start's statements first) and the history of this connection's statements. */
export function ConsoleSidePanel() {
  const side = useStore((s) => s.consoleSide)
  const setConsoleSide = useStore((s) => s.setConsoleSide)
  const history = useStore((s) => s.consoleHistory)
  const search = useStore((s) => s.consoleHistorySearch)
  const snippets = useStore((s) => s.consoleSnippets)
  const activeSql = useStore(
    (s) => s.consoleTabs.find((t) => t.id === s.consoleActiveId)?.sql ?? '',
  )
  const searchConsoleHistory = useStore((s) => s.searchConsoleHistory)
  const openConsoleSql = useStore((s) => s.openConsoleSql)
  const saveConsoleSnippet = useStore((s) => s.saveConsoleSnippet)
  const deleteConsoleSnippet = useStore((s) => s.deleteConsoleSnippet)

  return (
    <aside className="console-side" aria-label="Snippets and history">
      <div className="console-views" role="group" aria-label="Show">
        {sides.map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={side === value}
            onClick={() => setConsoleSide(value)}
          >
            {label}
          </button>
        ))}
      </div>
      {side === 'snippets' ? (
        <SnippetList
          snippets={snippets}
          canSave={activeSql.trim() !== ''}
          onOpen={(sql) => openConsoleSql(sql, false)}
          onDelete={(id) => void deleteConsoleSnippet(id)}
          onSave={(name) => void saveConsoleSnippet(name, activeSql)}
        />
      ) : (
        <HistoryList
          entries={history}
          search={search}
          onSearch={searchConsoleHistory}
          onOpen={(sql) => openConsoleSql(sql, false)}
          onRunAgain={(sql) => openConsoleSql(sql, true)}
        />
      )}
    </aside>
  )
}
