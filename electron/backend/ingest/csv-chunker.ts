import { MAX_CSV_RECORD_BYTES, MAX_CSV_RECORD_TEXT } from '../../../shared/domain/csv-import'
import { AppError } from '../../../shared/errors'
import type { CopyChunk } from '../db/driver'

const QUOTE = 0x22
const NEWLINE = 0x0a
const COMMA = 0x2c
const CR = 0x0d
const MAX_ID_CHARS = 24

/**
 * Checks one integer column against a set of known ids as records stream by.
 * PostgreSQL checks a foreign key only at the end of the COPY, so its error has
 * no line number; this finds the line. Values that are not plain integers are
 * left to the server, which reports those with their line.
 */
export interface IdCheck {
  column: number
  knownIds: ReadonlySet<number>
  describe(id: number): string
}

export const DEFAULT_CSV_CHUNK_BYTES = 1024 * 1024

/**
 * Re-cuts a CSV byte stream into chunks that end on record boundaries (a
 * newline outside quotes), so an engine that takes COPY input piece by piece
 * never sees half a record. Counts records the way COPY numbers its "lines":
 * the header is line 1 and a quoted field spanning lines is still one line.
 * A record longer than `maxRecordBytes` fails with its line number as soon as
 * it passes the limit, so memory is bounded by `targetBytes` plus that limit
 * plus one input piece, whatever the input (one 1 GB line included).
 */
export async function* csvRecordChunks(
  source: AsyncIterable<Uint8Array>,
  options: {
    targetBytes?: number
    header?: boolean
    check?: IdCheck
    maxRecordBytes?: number
  } = {},
): AsyncGenerator<CopyChunk> {
  const check = options.check
  const maxRecord = options.maxRecordBytes ?? MAX_CSV_RECORD_BYTES
  let field = 0
  let value = ''
  let line = 0
  const checkRecord = () => {
    line++
    if (check && !(options.header && line === 1) && field >= check.column) {
      const text = value.trim()
      if (/^[+-]?\d+$/.test(text)) {
        const id = Number(text)
        if (!check.knownIds.has(id)) {
          throw new AppError('bad_data', check.describe(id), { line })
        }
      }
    }
    field = 0
    value = ''
  }
  const target = options.targetBytes ?? DEFAULT_CSV_CHUNK_BYTES
  let headerPending = options.header ?? false
  let parts: Uint8Array[] = []
  let size = 0
  let inQuotes = false
  // Where the last complete record ends in the buffered bytes, and how many records precede it.
  let cut = 0
  let recordsBeforeCut = 0
  let records = 0
  // Bytes of the stream before the current piece, and where the current record starts in it.
  let streamed = 0
  let recordStart = 0
  const tooLong = () =>
    new AppError(
      'bad_data',
      `this line is longer than ${MAX_CSV_RECORD_TEXT}, the most one line of a CSV file may hold (is it a CSV file of readings, one per line?)`,
      { line: line + 1 },
    )

  const take = (end: number, recordCount: number): CopyChunk => {
    const all = concat(parts, size)
    const bytes = all.subarray(0, end)
    const rest = all.subarray(end)
    parts = rest.byteLength > 0 ? [rest] : []
    size = rest.byteLength
    const rows = recordCount - (headerPending && recordCount > 0 ? 1 : 0)
    if (recordCount > 0) headerPending = false
    return { bytes, rows, lines: recordCount }
  }

  for await (const piece of source) {
    if (piece.byteLength === 0) continue
    const base = size
    parts.push(piece)
    size += piece.byteLength
    for (let i = 0; i < piece.byteLength; i++) {
      const byte = piece[i]!
      // An escaped quote ("") toggles twice, which leaves the state right.
      if (byte === QUOTE) inQuotes = !inQuotes
      else if (byte === NEWLINE && !inQuotes) {
        if (streamed + i + 1 - recordStart > maxRecord) throw tooLong()
        recordStart = streamed + i + 1
        checkRecord()
        records++
        cut = base + i + 1
        recordsBeforeCut = records
      } else if (check) {
        if (byte === COMMA && !inQuotes) field++
        else if (field === check.column && byte !== CR && value.length < MAX_ID_CHARS) {
          value += String.fromCharCode(byte)
        }
      }
    }
    streamed += piece.byteLength
    if (streamed - recordStart > maxRecord) throw tooLong()
    if (size >= target && cut > 0) {
      const chunk = take(cut, recordsBeforeCut)
      records -= recordsBeforeCut
      cut = 0
      recordsBeforeCut = 0
      yield chunk
    }
  }
  if (size > 0) {
    // A last record without a trailing newline is still a record.
    if (cut !== size) checkRecord()
    const last = cut === size ? records : records + 1
    yield take(size, last)
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.byteLength
  }
  return out
}
