import { useStore } from '../../store'
import { ExplainTree } from './ExplainTree'
import { InlineError } from '../InlineError'

/** "Explain": the plan of the chart's statement, as a tree, until closed. */
export function ExplainPanel() {
  const open = useStore((s) => s.explainOpen)
  const status = useStore((s) => s.explainStatus)
  const reply = useStore((s) => s.explainReply)
  const error = useStore((s) => s.explainError)
  const close = useStore((s) => s.closeExplain)
  if (!open) return null
  return (
    <section className="panel explain-panel" aria-label="Explain">
      <div className="panel-head">
        <h2>Explain: EXPLAIN (ANALYZE, BUFFERS) of the chart's statement</h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      {status === 'loading' && <progress aria-label="Explaining the chart" />}
      {status === 'error' && <InlineError>Could not explain the chart: {error}</InlineError>}
      {reply && status === 'ready' && <ExplainTree reply={reply} />}
    </section>
  )
}
