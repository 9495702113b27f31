const encoder = new TextEncoder()

export const CSV_HEADER = 'time,sensor_id,temperature,cpu\n'

/**
 * A CSV file of `lines` readings (sensors 1-4, one second apart), generated
 * piece by piece so a test can stream millions of lines without holding them.
 */
export function* readingsCsv(lines: number, pieceBytes = 1024 * 1024): Generator<Uint8Array> {
  const start = Date.UTC(2025, 0, 1)
  let text = CSV_HEADER
  for (let i = 0; i < lines; i++) {
    const time = new Date(start + Math.floor(i / 4) * 1000).toISOString()
    text += `${time},${(i % 4) + 1},${(20 + (i % 7) * 0.5).toFixed(1)},0.${i % 10}\n`
    if (text.length >= pieceBytes) {
      yield encoder.encode(text)
      text = ''
    }
  }
  if (text) yield encoder.encode(text)
}

/** The header, then one line of `bytes` bytes (no newline inside), in pieces that share one buffer. */
export function* oneLongLine(bytes: number, pieceBytes = 1024 * 1024): Generator<Uint8Array> {
  yield encoder.encode(CSV_HEADER)
  const piece = new Uint8Array(pieceBytes).fill(0x78) // 'x'
  for (let sent = 0; sent < bytes; sent += pieceBytes) {
    yield piece.subarray(0, Math.min(pieceBytes, bytes - sent))
  }
}
