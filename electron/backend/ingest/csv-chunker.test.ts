import { describe, expect, it } from 'vitest'
import { MAX_CSV_RECORD_BYTES } from '../../../shared/domain/csv-import'
import { csvRecordChunks } from './csv-chunker'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

async function* pieces(text: string, size: number) {
  const bytes = encoder.encode(text)
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size)
}

async function collect(text: string, pieceSize: number, targetBytes: number, header = true) {
  const chunks = []
  for await (const chunk of csvRecordChunks(pieces(text, pieceSize), { targetBytes, header })) {
    chunks.push({ text: decoder.decode(chunk.bytes), rows: chunk.rows, lines: chunk.lines })
  }
  return chunks
}

const csv = [
  'time,sensor_id,temperature,cpu',
  '2026-01-01T00:00:00Z,1,20.5,0.5',
  '2026-01-01T00:01:00Z,1,"21,5",0.4',
  '2026-01-01T00:02:00Z,1,"a ""quoted""\nvalue",0.3',
  '2026-01-01T00:03:00Z,2,19,0.2',
].join('\n')

describe('csvRecordChunks', () => {
  it.each([1, 3, 7, 64, 4096])(
    'cuts only on record boundaries (input pieces of %i bytes)',
    async (size) => {
      const chunks = await collect(`${csv}\n`, size, 40)
      expect(chunks.map((c) => c.text).join('')).toBe(`${csv}\n`)
      for (const chunk of chunks) expect(chunk.text.endsWith('\n')).toBe(true)
      // The quoted field spanning two physical lines is never split.
      expect(chunks.some((c) => c.text.includes('"a ""quoted""\nvalue"'))).toBe(true)
    },
  )

  it('counts data rows without the header, and COPY lines with it', async () => {
    const chunks = await collect(`${csv}\n`, 5, 1 << 20)
    expect(chunks).toHaveLength(1)
    expect(chunks[0]).toMatchObject({ rows: 4, lines: 5 })
    const many = await collect(`${csv}\n`, 5, 10)
    expect(many.reduce((n, c) => n + c.rows, 0)).toBe(4)
    expect(many.reduce((n, c) => n + (c.lines ?? 0), 0)).toBe(5)
    expect(many[0]).toMatchObject({ rows: 0, lines: 1 })
  })

  it('keeps a last record that has no trailing newline', async () => {
    const chunks = await collect(csv, 4, 1 << 20)
    expect(chunks.map((c) => c.text).join('')).toBe(csv)
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(4)
  })

  it('handles CRLF line ends and files without a header', async () => {
    const text = 'a,b\r\nc,d\r\n'
    const chunks = await collect(text, 2, 1, false)
    expect(chunks.map((c) => c.text)).toEqual(['a,b\r\n', 'c,d\r\n'])
    expect(chunks.map((c) => c.rows)).toEqual([1, 1])
  })

  it('stops at the first record whose id is not known, naming its line', async () => {
    const text = 'sensor_id,time\n1,t\n"2",t\n 3 ,t\n7,t\nx,t\n'
    const check = {
      column: 0,
      knownIds: new Set([1, 2, 3]),
      describe: (id: number) => `no sensor ${id}`,
    }
    const run = async (input: string) => {
      const chunks = []
      for await (const c of csvRecordChunks(pieces(input, 3), { header: true, check }))
        chunks.push(c)
      return chunks
    }
    await expect(run(text)).rejects.toMatchObject({
      code: 'bad_data',
      message: 'no sensor 7',
      detail: { line: 5 },
    })
    // Non-integers (line 6) are left to the server; a known id in the last, unterminated line passes.
    await expect(run('sensor_id,time\n1,t\nx,t\n3,t')).resolves.toHaveLength(1)
    const second = { ...check, column: 1 }
    const chunks = csvRecordChunks(pieces('time,sensor_id\nt,1\nt,9', 2), {
      header: true,
      check: second,
    })
    await expect(
      (async () => {
        for await (const _ of chunks) void _
      })(),
    ).rejects.toMatchObject({ detail: { line: 3 } })
  })

  it('yields nothing for an empty file', async () => {
    expect(await collect('', 10, 10)).toEqual([])
  })

  describe('the limit on one line', () => {
    const drain = async (source: AsyncIterable<Uint8Array>, maxRecordBytes: number) => {
      const chunks = []
      for await (const c of csvRecordChunks(source, {
        header: true,
        maxRecordBytes,
        targetBytes: 8,
      }))
        chunks.push(decoder.decode(c.bytes))
      return chunks.join('')
    }

    it.each([1, 4, 64])(
      'fails at the first line over the limit, naming it (pieces of %i bytes)',
      async (size) => {
        const text = `h,h\n${'a'.repeat(9)}\nb\n"${'c'.repeat(4)}\n${'c'.repeat(4)}"\nd\n`
        // Lines 2 ("aaaaaaaaa\n", 10 bytes) and 4 (a quoted field spanning two lines, 12 bytes).
        await expect(drain(pieces(text, size), 12)).resolves.toBe(text)
        await expect(drain(pieces(text, size), 11)).rejects.toMatchObject({
          code: 'bad_data',
          message: expect.stringContaining('longer than 1 MiB'),
          detail: { line: 4 },
        })
        await expect(drain(pieces(text, size), 9)).rejects.toMatchObject({ detail: { line: 2 } })
      },
    )

    it('stops reading a line without end as soon as it passes the limit', async () => {
      let pulled = 0
      async function* endless() {
        yield encoder.encode('time,sensor_id\n')
        for (;;) {
          pulled++
          yield new Uint8Array(1000).fill(0x78)
        }
      }
      await expect(drain(endless(), 10_000)).rejects.toMatchObject({ detail: { line: 2 } })
      expect(pulled).toBe(11)
    })

    it('is 1 MiB by default', async () => {
      const line = (n: number) => `${'x'.repeat(n - 1)}\n`
      await expect(
        drain(pieces(`h\n${line(MAX_CSV_RECORD_BYTES)}`, 65536), MAX_CSV_RECORD_BYTES),
      ).resolves.toHaveLength(MAX_CSV_RECORD_BYTES + 2)
      const chunks = csvRecordChunks(pieces(`h\n${line(MAX_CSV_RECORD_BYTES + 1)}`, 65536))
      await expect(
        (async () => {
          for await (const _ of chunks) void _
        })(),
      ).rejects.toMatchObject({ detail: { line: 2 } })
    })
  })
})
