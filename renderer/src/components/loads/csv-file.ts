import {
  importTargets,
  parseCsvHeader,
  suggestMapping,
  type ImportTarget,
} from '../../../../shared/domain/csv-import'

/** The header must be within this many bytes of the start of the file. */
export const HEADER_SCAN_BYTES = 64 * 1024

/** Each import/chunk call carries at most this much of the file. */
export const UPLOAD_PIECE_BYTES = 1024 * 1024

/** The first record of a CSV text (a newline inside quotes does not end it), or null if it does not end. */
export function firstRecord(text: string): string | null {
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (ch === '\n' && !quoted) return text.slice(0, i)
  }
  return null
}

export interface CsvHeader {
  names: string[]
  /** A suggestion per column; null where the user has to choose. */
  suggested: (ImportTarget | null)[]
}

/** Why a header cannot be imported as it is, or null when it can (with a mapping). */
export function headerProblem(fileName: string, names: readonly string[]): string | null {
  if (names.length < 2 || names.length > importTargets.length) {
    return (
      `${fileName} has ${names.length} column${names.length === 1 ? '' : 's'} in its header; ` +
      `sensor_data takes 2 to 4 (time, sensor_id, and optionally temperature and cpu). ` +
      'Remove the other columns, or check that the file is comma-separated with a header row.'
    )
  }
  return null
}

/** Reads the header row of a picked file without reading the rest of it. */
export async function readCsvHeader(file: File): Promise<CsvHeader> {
  const head = await file.slice(0, HEADER_SCAN_BYTES).text()
  const line = firstRecord(head) ?? (file.size <= HEADER_SCAN_BYTES ? head : null)
  if (line === null) {
    throw new Error(
      `The first line of ${file.name} is longer than ${HEADER_SCAN_BYTES / 1024} KB. Is it a CSV file with a header row?`,
    )
  }
  const names = parseCsvHeader(line)
  return { names, suggested: suggestMapping(names) }
}

/** The file in pieces for import/chunk, read one at a time so memory stays flat. */
export async function* filePieces(
  file: Blob,
  pieceBytes = UPLOAD_PIECE_BYTES,
): AsyncGenerator<{ bytes: Uint8Array<ArrayBuffer>; last: boolean; end: number }> {
  for (let offset = 0; offset < file.size; offset += pieceBytes) {
    const end = Math.min(file.size, offset + pieceBytes)
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer())
    yield { bytes, last: end >= file.size, end }
  }
}
