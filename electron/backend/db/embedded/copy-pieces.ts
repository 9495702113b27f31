/** How a load's row-aligned chunks become the pieces the embedded engine takes through /dev/blob. */
import type { CopyBatchSizer } from '../copy-batches'
import type { CopyChunk } from '../driver'

/**
 * Bytes fed to one COPY through /dev/blob: about a quarter of a second of the engine's
 * work (so progress counts what it has taken, see copy-batches.ts), at most
 * 4 MB so memory does not grow with the load.
 */
export const EMBEDDED_COPY_BATCHES = {
  initialBytes: 512 * 1024,
  minBytes: 128 * 1024,
  maxBytes: 4 * 1024 * 1024,
  targetMs: 250,
}

export interface CopyPiece {
  bytes: Uint8Array
  lines: number
  last?: boolean
}

/** Groups row-aligned chunks into pieces of about the sizer's limit (the last marked), copying only when grouping. */
export async function* copyPieces(
  chunks: AsyncIterable<CopyChunk>,
  sizer: CopyBatchSizer,
): AsyncGenerator<CopyPiece> {
  let parts: Uint8Array[] = []
  let size = 0
  let lines = 0
  const flush = (): CopyPiece => {
    const bytes = new Uint8Array(size)
    let at = 0
    for (const part of parts) {
      bytes.set(part, at)
      at += part.byteLength
    }
    const piece = { bytes, lines }
    parts = []
    size = 0
    lines = 0
    return piece
  }
  // One piece is held back until the next is ready, so the last one knows it is the last.
  let held: CopyPiece | null = null
  for await (const chunk of chunks) {
    if (chunk.bytes.byteLength === 0) continue
    parts.push(chunk.bytes)
    size += chunk.bytes.byteLength
    lines += chunk.lines ?? chunk.rows
    if (size >= sizer.limit) {
      if (held) yield held
      held = flush()
    }
  }
  if (size > 0) {
    if (held) yield held
    held = flush()
  }
  if (held) yield { ...held, last: true }
}
