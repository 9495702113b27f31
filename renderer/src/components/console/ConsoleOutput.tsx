import { useCallback, useMemo } from 'react'
import { formatCount } from '../../format'
import { useStore } from '../../store'
import type { ConsoleOutput as Output, ConsoleTabState } from '../../store/console-tab'
import { ExplainTree } from './ExplainTree'
import { ExportStatus } from './ExportStatus'
import { ResultChart } from './ResultChart'
import { ResultsGrid } from './ResultsGrid'
import { StatementList } from './StatementList'
import { chartShape } from './result-chart-data'
import { InlineError } from '../InlineError'

/** Under a tab's editor: what its last run, explain or export did, and the result itself. */
export function ConsoleOutput({ tab }: { tab: ConsoleTabState }) {
  const showConsoleRows = useStore((s) => s.showConsoleRows)
  const countConsoleRows = useStore((s) => s.countConsoleRows)
  const setConsoleOutput = useStore((s) => s.setConsoleOutput)
  const copyText = useStore((s) => s.copyText)
  const { id, result, explain, outcomes } = tab
  const onVisible = useCallback(
    (first: number, last: number) => showConsoleRows(id, first, last),
    [showConsoleRows, id],
  )
  const chartable = useMemo(() => (result ? chartShape(result.columns) !== null : false), [result])
  const views: [Output, string, boolean][] = [
    ['results', 'Results', true],
    ['explain', 'Plan', explain !== null],
    ['chart', 'Chart', chartable],
  ]
  const output = views.find(([v, , offered]) => v === tab.output && offered)?.[0] ?? 'results'
  const pages = result?.pages
  const last = outcomes?.at(-1)

  return (
    <div className="console-output">
      {tab.message && <InlineError>{tab.message}</InlineError>}
      {tab.note && (
        <p className="muted" role="status">
          {tab.note}
        </p>
      )}
      {tab.exportJobId && <ExportStatus jobId={tab.exportJobId} />}
      {outcomes && <StatementList outcomes={outcomes} readOnly={tab.settings.readOnly} />}
      {(explain || chartable) && (
        <div className="console-views" role="group" aria-label="Show">
          {views
            .filter(([, , offered]) => offered)
            .map(([view, label]) => (
              <button
                key={view}
                type="button"
                aria-pressed={output === view}
                onClick={() => setConsoleOutput(id, view)}
              >
                {label}
              </button>
            ))}
        </div>
      )}
      {output === 'explain' && explain && <ExplainTree plan={explain} />}
      {output === 'chart' && result && pages && (
        <ResultChart columns={result.columns} rows={pages.heldRows()} total={pages.total} />
      )}
      {output === 'results' && result && pages && (
        <>
          <p className="results-status" role="status">
            {pages.complete
              ? `${formatCount(pages.rowCount)} row${pages.rowCount === 1 ? '' : 's'}`
              : `${formatCount(pages.rowsRead)}+ rows so far`}
            {last ? ` · ${last.durationMs} ms on the server` : ''}
            {tab.roundTripMs !== null ? ` · ${tab.roundTripMs} ms in all` : ''}
            {result.truncated
              ? ' · only the first rows were kept (a statement without a cursor)'
              : ''}
            {!pages.complete && result.resultId && (
              <button type="button" onClick={() => void countConsoleRows(id)}>
                Count rows
              </button>
            )}
          </p>
          {result.columns.length === 0 ? (
            <p className="empty">The query returned rows without columns.</p>
          ) : (
            <ResultsGrid
              columns={result.columns}
              pages={pages}
              version={result.version}
              onVisible={onVisible}
              onCopy={(text) => void copyText(text)}
            />
          )}
        </>
      )}
      {!outcomes && !tab.message && !explain && (
        <p className="empty">
          Write a statement and press Run (Ctrl/Cmd-Enter runs the statement at the cursor or the
          selection). The quick start’s statements are under Snippets.
        </p>
      )}
    </div>
  )
}
