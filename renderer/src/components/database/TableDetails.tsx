import type { TableDetail, TimeBound } from '../../../../shared/domain/catalog'
import { formatBytes, formatCount, formatTime } from '../../format'
import { useStore } from '../../store'
import { canChart, KIND_LABELS } from './catalog-view'

function bound(b: TimeBound | null, timeZone: string): string {
  if (!b) return 'none'
  if (b.kind === 'instant') return formatTime(b.ms, timeZone)
  return b.value
}

function columnRole(c: TableDetail['columns'][number]): string {
  const roles: string[] = []
  if (c.time && c.time !== 'integer') roles.push('time')
  if (c.numeric) roles.push('measure')
  if (c.splittable) roles.push('split / filter')
  return roles.join(', ')
}

/**
 * One relation in full: columns and types, keys, indexes, row estimate, size,
 * first and last time, and a hypertable's dimension, chunks and compression.
 */
export function TableDetails({ detail, onChart }: { detail: TableDetail; onChart(): void }) {
  const timeZone = useStore((s) => s.timeZone)
  const label = `${detail.schema}.${detail.name}`
  const ht = detail.hypertable
  const compression = detail.compression
  return (
    <section className="panel table-details" aria-label={label}>
      <div className="panel-head">
        <h2>{label}</h2>
        <span className={`kind-badge kind-${detail.kind}`}>{KIND_LABELS[detail.kind]}</span>
        {canChart(detail) && (
          <button type="button" className="primary" onClick={onChart}>
            Chart
          </button>
        )}
      </div>
      <dl className="facts">
        <dt>Rows (estimate)</dt>
        <dd>
          {detail.rowEstimate === null
            ? 'unknown (not analysed yet)'
            : formatCount(detail.rowEstimate)}
        </dd>
        <dt>Total size</dt>
        <dd>{detail.totalBytes === null ? '—' : formatBytes(detail.totalBytes)}</dd>
        <dt>Time range</dt>
        <dd>
          {detail.timeRange
            ? `${detail.timeRange.column}: ${bound(detail.timeRange.first, timeZone)} – ${bound(detail.timeRange.last, timeZone)}` +
              (detail.timeRange.source === 'chunks' ? ' (chunk bounds)' : '')
            : (detail.timeRangeNote ?? '—')}
        </dd>
        {ht && (
          <>
            <dt>Time dimension</dt>
            <dd>
              {ht.timeColumn} ({ht.timeType}), chunks of {ht.chunkInterval ?? '?'}
            </dd>
            <dt>Chunks</dt>
            <dd>{formatCount(ht.chunks)}</dd>
          </>
        )}
        {compression && (
          <>
            <dt>Compression</dt>
            <dd>
              {compression.enabled ? 'on' : 'off'}
              {compression.beforeBytes !== null &&
                compression.afterBytes !== null &&
                `: ${compression.compressedChunks} chunks, ${formatBytes(compression.beforeBytes)} → ${formatBytes(compression.afterBytes)}`}
            </dd>
          </>
        )}
        {detail.source && (
          <>
            <dt>Reads</dt>
            <dd>
              {detail.source.schema}.{detail.source.name}
            </dd>
          </>
        )}
      </dl>
      <table className="table" aria-label="Columns">
        <thead>
          <tr>
            <th>Column</th>
            <th>Type</th>
            <th>Key</th>
            <th>Use</th>
          </tr>
        </thead>
        <tbody>
          {detail.columns.map((c) => {
            const fk = detail.foreignKeys.find((k) => k.columns.includes(c.name))
            const key = [
              detail.primaryKey.includes(c.name) ? 'primary' : '',
              fk ? `→ ${fk.references.schema}.${fk.references.name}` : '',
            ]
              .filter(Boolean)
              .join(' ')
            return (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td className="mono">
                  {c.type}
                  {c.notNull && ' not null'}
                </td>
                <td>{key}</td>
                <td>{columnRole(c)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {detail.indexes.length > 0 && (
        <>
          <h3>Indexes</h3>
          <ul className="index-list">
            {detail.indexes.map((ix) => (
              <li key={ix.name} className="mono">
                {ix.definition}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
