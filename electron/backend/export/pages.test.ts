import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { csvRow } from '../../../shared/chart-csv'
import { EXPORT_PAGE_ROWS, writePages, type CsvPage } from './pages'

/** A cursor of `total` rows that counts how many pages were read from it. */
function cursorOf(total: number) {
  let sent = 0
  const source = {
    pagesRead: 0,
    next: async (): Promise<CsvPage> => {
      source.pagesRead++
      const n = Math.min(EXPORT_PAGE_ROWS, total - sent)
      const rows = Array.from({ length: n }, (_, i) => [String(sent + i), String(-(sent + i) / 4)])
      sent += n
      return { columns: ['n', 'value'], rows }
    },
    record: csvRow,
  }
  return source
}

/** A reader that takes a piece only when the test lets it (a browser that stopped reading). */
function stalledReader() {
  const pieces: string[] = []
  const waiting: (() => void)[] = []
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, next) {
      pieces.push(chunk.toString('utf8'))
      waiting.push(next)
    },
  })
  return {
    sink,
    pieces,
    /** Lets the reader finish the piece it holds. */
    take: () => waiting.shift()?.(),
    holding: () => waiting.length > 0,
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('writePages', () => {
  it('reads the next page only after the reader took the last one: one page in memory at most', async () => {
    const total = 3 * EXPORT_PAGE_ROWS + 7
    const cursor = cursorOf(total)
    const reader = stalledReader()
    const progress: number[] = []
    const done = writePages(cursor, reader.sink, { onProgress: (p) => progress.push(p.rows) })
    for (let page = 1; page <= 4; page++) {
      await settle()
      // However long the reader waits, nothing more is read from the cursor.
      expect(cursor.pagesRead).toBe(page)
      expect(reader.pieces).toHaveLength(page)
      expect(reader.holding()).toBe(true)
      reader.take()
    }
    const written = await done
    expect(written.rows).toBe(total)
    expect(progress).toEqual([EXPORT_PAGE_ROWS, 2 * EXPORT_PAGE_ROWS, 3 * EXPORT_PAGE_ROWS, total])
    const lines = reader.pieces.join('').split('\r\n')
    expect(lines[0]).toBe('n,value')
    expect(lines).toHaveLength(total + 2) // header, rows, and the empty string after the last CRLF
    // Numbers as the database wrote them: a negative one is not guarded as a formula.
    expect(lines[2]).toBe('1,-0.25')
    expect(written.bytes).toBe(Buffer.byteLength(reader.pieces.join('')))
  })

  it('stops at once when cancelled, even while the reader holds a page, and when the reader goes away', async () => {
    const controller = new AbortController()
    const cursor = cursorOf(10 * EXPORT_PAGE_ROWS)
    const reader = stalledReader()
    const cancelled = writePages(cursor, reader.sink, { signal: controller.signal })
    await settle()
    expect(reader.holding()).toBe(true)
    controller.abort() // the reader never takes its piece: the cancel must not wait for it
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' })
    expect(cursor.pagesRead).toBe(1)

    const gone = stalledReader()
    const cursor2 = cursorOf(10 * EXPORT_PAGE_ROWS)
    const stopped = writePages(cursor2, gone.sink)
    await settle()
    gone.sink.destroy()
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled' })
    expect(cursor2.pagesRead).toBe(1)
  })
})
