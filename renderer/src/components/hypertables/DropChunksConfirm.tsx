import { useState } from 'react'
import type { DropPreview } from '../../../../shared/domain/hypertables'
import { formatBytes, formatCount, formatTime } from '../../format'
import { Field } from '../Field'
import { ChunkTable } from './ChunkTable'

/**
 * The drop preview: which chunks go (with their rows and bytes), and "Drop
 * chunks" only once the table's name is typed exactly. The backend checks the
 * name and the chunk list again; this only keeps the button honest.
 */
export function DropChunksConfirm({
  table,
  preview,
  busy,
  onDrop,
  onCancel,
}: {
  table: string
  preview: DropPreview
  busy: boolean
  onDrop: (confirmName: string) => void
  onCancel: () => void
}) {
  const [typed, setTyped] = useState('')
  if (preview.chunks.length === 0) {
    return (
      <p role="status" className="empty-state">
        No chunk ends before {formatTime(preview.cutoff)}: nothing would be dropped.
      </p>
    )
  }
  const n = preview.chunks.length
  return (
    <section className="callout callout-danger" aria-label="Drop preview">
      <p>
        {formatCount(n)} chunk{n === 1 ? '' : 's'} ending before {formatTime(preview.cutoff)} will
        be dropped: ≈ {formatCount(preview.rows)} rows, {formatBytes(preview.bytes)}. This cannot be
        undone.
      </p>
      <ChunkTable chunks={preview.chunks} total={n} />
      <Field
        label={`Type the table's name (${table}) to confirm`}
        value={typed}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setTyped(event.target.value)}
      />
      <div className="form-actions">
        <button
          type="button"
          className="danger"
          disabled={busy || typed !== table}
          onClick={() => onDrop(typed)}
        >
          Drop chunks
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  )
}
