import { describe, expect, it } from 'vitest'
import { readPngText, withPngText } from './png-text'

function crc(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: number[]): number[] {
  const body = new Uint8Array([...new TextEncoder().encode(type), ...data])
  const sum = crc(body)
  const length = data.length
  return [length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255, ...body].concat(
    [sum >>> 24, (sum >>> 16) & 255, (sum >>> 8) & 255, sum & 255],
  )
}

/** A PNG's chunk layout (signature, IHDR of a 1x1 RGB image, IEND), CRCs computed here. */
function pngShape(): Uint8Array {
  return new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
    ...chunk('IEND', []),
  ])
}

describe('PNG text chunks', () => {
  it('writes a UTF-8 title that reads back, and keeps the image’s chunks', () => {
    const png = pngShape()
    const title = 'avg(temperature) · Größe °C · Asia/Kolkata'
    const titled = withPngText(png, 'Title', title)
    expect(readPngText(titled).get('Title')).toBe(title)
    expect([...titled.subarray(0, 33)]).toEqual([...png.subarray(0, 33)])
    expect([...titled.subarray(-12)]).toEqual([...png.subarray(-12)])
  })

  it('ignores a chunk whose CRC is wrong, and refuses what is not a PNG', () => {
    const titled = withPngText(pngShape(), 'Title', 'x')
    titled[45] = (titled[45] ?? 0) ^ 1
    expect(readPngText(titled).size).toBe(0)
    expect(() => withPngText(new Uint8Array([1, 2, 3]), 'Title', 'x')).toThrow('Not a PNG')
  })
})
