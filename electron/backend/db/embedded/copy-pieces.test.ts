import { describe, expect, it } from 'vitest'
import { CopyBatchSizer } from '../copy-batches'
import type { CopyChunk } from '../driver'
import { copyPieces, type CopyPiece } from './copy-pieces'

const sizer = () =>
  new CopyBatchSizer({ initialBytes: 10, minBytes: 10, maxBytes: 10, targetMs: 250 })

async function collect(chunks: CopyChunk[]): Promise<CopyPiece[]> {
  async function* source() {
    yield* chunks
  }
  const out: CopyPiece[] = []
  for await (const piece of copyPieces(source(), sizer())) out.push(piece)
  return out
}

const chunk = (text: string, rows: number, lines?: number): CopyChunk => ({
  bytes: new TextEncoder().encode(text),
  rows,
  lines,
})

describe('copyPieces', () => {
  it('groups chunks up to the limit, in order, counting lines, and marks only the last', async () => {
    const pieces = await collect([
      chunk('aaaa\n', 1),
      chunk('bbbbbb\n', 1),
      chunk('', 0),
      chunk('cc\ndd\n', 2),
      chunk('h\nee\n', 1, 2),
    ])
    const text = pieces.map((p) => new TextDecoder().decode(p.bytes))
    expect(text).toEqual(['aaaa\nbbbbbb\n', 'cc\ndd\nh\nee\n'])
    expect(pieces.map((p) => p.lines)).toEqual([2, 4])
    expect(pieces.map((p) => p.last === true)).toEqual([false, true])
  })

  it('yields nothing for a source with no bytes', async () => {
    expect(await collect([chunk('', 0)])).toEqual([])
  })
})
