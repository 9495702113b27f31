import { useCallback, useMemo, useRef } from 'react'
import { useStore } from '../../store'
import { scriptSlots } from '../../store/console-params'
import type { ConsoleTabState } from '../../store/console-tab'
import { ConsoleOutput } from './ConsoleOutput'
import { ConsoleToolbar } from './ConsoleToolbar'
import { ParamForm } from './ParamForm'
import { SqlEditor, type SqlEditorHandle } from './SqlEditor'

/**
 * One tab of the SQL page: its editor, toolbar, parameter form and output.
 * Actions take the text to run from the editor (the selection, the statement
 * at the cursor, or all of it); the store does the rest.
 */
export function ConsoleTabPane({ tab }: { tab: ConsoleTabState }) {
  const editor = useRef<SqlEditorHandle>(null)
  const embedded = useStore((s) => s.connection.target?.kind === 'embedded')
  const completions = useStore((s) => s.consoleCompletions)
  const editConsoleSql = useStore((s) => s.editConsoleSql)
  const setConsoleSettings = useStore((s) => s.setConsoleSettings)
  const setConsoleParam = useStore((s) => s.setConsoleParam)
  const runConsole = useStore((s) => s.runConsole)
  const cancelConsole = useStore((s) => s.cancelConsole)
  const explainConsole = useStore((s) => s.explainConsole)
  const exportConsole = useStore((s) => s.exportConsole)
  const finishConsoleTx = useStore((s) => s.finishConsoleTx)

  const { id } = tab
  const slots = useMemo(() => scriptSlots(tab.sql), [tab.sql])
  const current = () => editor.current?.current() ?? null
  const run = useCallback(
    () => void runConsole(id, editor.current?.current() ?? null),
    [runConsole, id],
  )
  const onChange = useCallback((sql: string) => editConsoleSql(id, sql), [editConsoleSql, id])

  return (
    <div
      className="console-pane"
      role="tabpanel"
      id={`console-panel-${id}`}
      aria-labelledby={`console-tab-${id}`}
    >
      <SqlEditor
        key={id}
        ref={editor}
        value={tab.sql}
        onChange={onChange}
        onRun={run}
        completions={completions}
        errorAt={tab.errorAt}
      />
      <ConsoleToolbar
        settings={tab.settings}
        onSettings={(settings) => setConsoleSettings(id, settings)}
        busy={tab.busy}
        tx={tab.tx}
        autoCommitFixed={embedded}
        canExport={tab.sql.trim() !== ''}
        onRun={run}
        onRunAll={() => void runConsole(id, editor.current?.all() ?? null)}
        onCancel={() => cancelConsole(id)}
        onExplain={() => void explainConsole(id, current())}
        onExport={() => void exportConsole(id, current())}
        onCommit={() => void finishConsoleTx(id, 'commit')}
        onRollback={() => void finishConsoleTx(id, 'rollback')}
      />
      {embedded && (
        <p className="muted console-hint">
          The embedded engine has one session for the whole app: Auto-commit stays on, and a running
          statement cannot be interrupted (Cancel stops waiting for it).
        </p>
      )}
      <ParamForm
        slots={slots.slots}
        problem={slots.problem}
        drafts={tab.params}
        onChange={(key, draft) => setConsoleParam(id, key, draft)}
      />
      <ConsoleOutput tab={tab} />
    </div>
  )
}
