/**
 * PNG text chunks (iTXt, UTF-8), so an exported chart carries its title as
 * data too: a viewer's "properties", a script, or a test can read it back.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const IHDR_END = 8 + 4 + 4 + 13 + 4

function isPng(png: Uint8Array): boolean {
  return png.length > IHDR_END && SIGNATURE.every((b, i) => png[i] === b)
}

/** The PNG with an iTXt chunk `keyword` = `text` right after its header. */
export function withPngText(
  png: Uint8Array,
  keyword: string,
  text: string,
): Uint8Array<ArrayBuffer> {
  if (!isPng(png)) throw new Error('Not a PNG image')
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error('A PNG keyword is 1-79 Latin letters')
  const encoder = new TextEncoder()
  // keyword \0, not compressed (0, 0), no language tag \0, no translated keyword \0, UTF-8 text
  const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)])
  const chunk = new Uint8Array(12 + data.length)
  const view = new DataView(chunk.buffer)
  view.setUint32(0, data.length)
  chunk.set(encoder.encode('iTXt'), 4)
  chunk.set(data, 8)
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)))
  const out = new Uint8Array(png.length + chunk.length)
  out.set(png.subarray(0, IHDR_END))
  out.set(chunk, IHDR_END)
  out.set(png.subarray(IHDR_END), IHDR_END + chunk.length)
  return out
}

/** Every iTXt chunk of a PNG whose CRC holds, as keyword → text. */
export function readPngText(png: Uint8Array): Map<string, string> {
  const found = new Map<string, string>()
  if (!isPng(png)) return found
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const decoder = new TextDecoder()
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at)
    const end = at + 12 + length
    if (end > png.length) break
    const type = decoder.decode(png.subarray(at + 4, at + 8))
    const data = png.subarray(at + 8, at + 8 + length)
    const crcOk = view.getUint32(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length))
    if (type === 'iTXt' && crcOk) {
      const keywordEnd = data.indexOf(0)
      const languageEnd = data.indexOf(0, keywordEnd + 3)
      const translatedEnd = data.indexOf(0, languageEnd + 1)
      if (keywordEnd > 0 && languageEnd > 0 && translatedEnd > 0) {
        const keyword = decoder.decode(data.subarray(0, keywordEnd))
        found.set(keyword, decoder.decode(data.subarray(translatedEnd + 1)))
      }
    }
    at = end
  }
  return found
}
