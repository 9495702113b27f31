import type { ExplainNode } from '../../../../shared/sql/explain'
import type { ConsoleExplainReply } from '../../../../shared/domain/console'
import { formatCount } from '../../format'

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`

function NodeItem({ node, total }: { node: ExplainNode; total: number }) {
  const share = total > 0 ? Math.min(100, (node.selfMs / total) * 100) : 0
  return (
    <li
      role="treeitem"
      aria-expanded={node.children.length > 0 ? true : undefined}
      aria-selected={false}
    >
      <details open>
        <summary>
          <span className="explain-label">{node.label}</span>
          <span className="explain-time" title="Time in this node and below, all loops">
            {ms(node.totalMs)}
          </span>
          <span className="explain-self" title="Time in this node alone">
            self {ms(node.selfMs)}
            <span className="explain-bar" style={{ width: `${share}%` }} aria-hidden="true" />
          </span>
          <span className="explain-rows">
            {formatCount(node.rows)} rows (planned {formatCount(node.planRows)})
            {node.loops > 1 ? ` × ${formatCount(node.loops)} loops` : ''}
          </span>
          {node.sharedHitBlocks + node.sharedReadBlocks > 0 && (
            <span className="explain-buffers">
              buffers hit {formatCount(node.sharedHitBlocks)} read{' '}
              {formatCount(node.sharedReadBlocks)}
            </span>
          )}
        </summary>
        {node.details.length > 0 && (
          <dl className="explain-details">
            {node.details.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </details>
      {node.children.length > 0 && (
        <ul role="group">
          {node.children.map((child, i) => (
            <NodeItem key={i} node={child} total={total} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** EXPLAIN ANALYZE as a tree: each node with its time, its own share of it, rows and buffers. */
export function ExplainTree({ plan }: { plan: ConsoleExplainReply }) {
  return (
    <section className="explain" aria-label="Query plan">
      <p className="explain-summary">
        Planning {plan.planningMs === null ? '—' : ms(plan.planningMs)} · execution{' '}
        {plan.executionMs === null ? '—' : ms(plan.executionMs)} (the statement ran and was rolled
        back)
      </p>
      <ul role="tree" aria-label="Plan nodes">
        <NodeItem node={plan.root} total={plan.root.totalMs} />
      </ul>
    </section>
  )
}
