import type { ChunkInfo } from '../../../../shared/domain/hypertables'
import { formatBytes, formatCount } from '../../format'
import { describeRange } from './ChunkTimeline'
import { numeric, TableHead } from '../TableHead'

const CHUNK_COLUMNS = [
  'Chunk',
  'Range',
  numeric('Table'),
  numeric('Indexes'),
  numeric('TOAST'),
  numeric('Total'),
  numeric('Rows (estimate)'),
  'Compressed',
]

const bytes = (n: number | null) => (n === null ? '—' : formatBytes(n))

/** Each chunk's range, size on disk (table, indexes, TOAST), rows and compression. */
export function ChunkTable({ chunks, total }: { chunks: ChunkInfo[]; total: number }) {
  return (
    <>
      {total > chunks.length && (
        <p className="muted">
          Showing the newest {formatCount(chunks.length)} of {formatCount(total)} chunks.
        </p>
      )}
      <table className="table" aria-label="Chunks">
        <TableHead columns={CHUNK_COLUMNS} />
        <tbody>
          {chunks.map((chunk) => (
            <tr key={`${chunk.schema}.${chunk.name}`}>
              <td className="mono">{chunk.name}</td>
              <td>{describeRange(chunk)}</td>
              <td className="num">{formatBytes(chunk.tableBytes)}</td>
              <td className="num">{formatBytes(chunk.indexBytes)}</td>
              <td className="num">{formatBytes(chunk.toastBytes)}</td>
              <td className="num">{formatBytes(chunk.totalBytes)}</td>
              <td className="num">{chunk.rows === null ? '—' : formatCount(chunk.rows)}</td>
              <td>
                {chunk.compressed
                  ? `Yes: ${bytes(chunk.beforeBytes)} → ${bytes(chunk.afterBytes)}`
                  : 'No'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
