import type { ExplainReply, PlanNode } from '../../../../shared/domain/explain'
import {
  chunkBadge,
  exclusionNote,
  hypertableSummary,
  nodeFigures,
  nodeHeadline,
} from './explain-view'

function PlanItem({ node }: { node: PlanNode }) {
  const badge = chunkBadge(node)
  const exclusion = exclusionNote(node)
  const body = (
    <>
      <span className="plan-headline">{nodeHeadline(node)}</span>{' '}
      {badge && (
        <span className={node.chunk?.state === 'scanned' ? 'badge badge-ok' : 'badge'}>
          {badge}
        </span>
      )}
      <span className="plan-figures muted"> {nodeFigures(node)}</span>
    </>
  )
  const extra = (
    <>
      {exclusion && <p className="plan-note">{exclusion}</p>}
      {node.details.length > 0 && (
        <ul className="plan-details">
          {node.details.map((d, i) => (
            <li key={i} className="mono">
              {d}
            </li>
          ))}
        </ul>
      )}
    </>
  )
  if (node.children.length === 0) {
    return (
      <li className="plan-node">
        {body}
        {extra}
      </li>
    )
  }
  return (
    <li className="plan-node">
      <details open>
        <summary>{body}</summary>
        {extra}
        <ul className="plan-children">
          {node.children.map((child, i) => (
            <PlanItem key={i} node={child} />
          ))}
        </ul>
      </details>
    </li>
  )
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a chart's statement: per hypertable the
 * chunks scanned and excluded, then the plan as a tree of collapsible nodes.
 * Everything the server wrote is shown as text.
 */
export function ExplainTree({ reply }: { reply: ExplainReply }) {
  const time = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ms`)
  return (
    <section className="explain" aria-label="Query plan">
      <p>
        Planning {time(reply.planningMs)}, execution {time(reply.executionMs)}.
      </p>
      {reply.hypertables.map((ht) => (
        <div key={`${ht.schema}.${ht.name}`} className="explain-chunks">
          <p>{hypertableSummary(ht)}</p>
          {ht.excluded.length > 0 && (
            <details>
              <summary>Excluded chunks</summary>
              <ul className="mono">
                {ht.excluded.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ))}
      <ul className="plan-tree" aria-label="Plan">
        <PlanItem node={reply.root} />
      </ul>
      {reply.truncated && (
        <p className="muted">The plan is longer than shown: its deepest nodes were left out.</p>
      )}
      <details>
        <summary>Statement</summary>
        <pre className="pre mono">{reply.sql}</pre>
        <p className="muted mono">Parameters: {JSON.stringify(reply.params).slice(0, 2000)}</p>
      </details>
    </section>
  )
}
