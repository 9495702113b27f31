import { describe, expect, it } from 'vitest'
import { BINARY_COPY_HEADER, BinaryTupleWriter, frameBinaryCopy } from './copy-binary'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('binary COPY framing', () => {
  it('starts with the PGCOPY signature, zero flags and no extension; ends with -1', () => {
    const file = frameBinaryCopy(new Uint8Array([1, 2]))
    expect(hex(file.subarray(0, 11))).toBe(
      Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1').toString('hex'),
    )
    expect(hex(file.subarray(11, 19))).toBe('0000000000000000')
    expect(hex(file.subarray(19, 21))).toBe('0102')
    expect(hex(file.subarray(21))).toBe('ffff')
    expect(file.byteLength).toBe(BINARY_COPY_HEADER.byteLength + 2 + 2)
  })
})

describe('BinaryTupleWriter', () => {
  it('encodes int4, float8 and NULL as length-prefixed big-endian fields', () => {
    const w = new BinaryTupleWriter(4)
    w.beginTuple(3).int4(-2).float8(1.5).null()
    expect(hex(w.take())).toBe(
      '0003' + '00000004fffffffe' + '00000008' + '3ff8000000000000' + 'ffffffff',
    )
    expect(w.byteLength).toBe(0)
  })

  it('encodes timestamptz as microseconds since 2000-01-01 UTC', () => {
    const w = new BinaryTupleWriter()
    w.timestamptz(Date.UTC(2000, 0, 1))
    expect(hex(w.take())).toBe('00000008' + '0000000000000000')
    w.timestamptz(Date.UTC(2000, 0, 1) + 1.5) // 1500 µs
    expect(hex(w.take())).toBe('00000008' + '00000000000005dc')
    w.timestamptz(Date.UTC(1999, 11, 31, 23, 59, 59)) // -1 s, two's complement
    expect(hex(w.take())).toBe('00000008' + 'fffffffffff0bdc0')
    const ms = Date.UTC(2026, 10, 23, 12, 0, 0)
    w.timestamptz(ms)
    const view = new DataView(w.take().buffer)
    expect(view.getBigInt64(4)).toBe(BigInt(ms - Date.UTC(2000, 0, 1)) * 1000n)
  })

  it('grows past its initial buffer and counts tuples', () => {
    const w = new BinaryTupleWriter(8)
    for (let i = 0; i < 1000; i++) w.beginTuple(1).float8(i)
    expect(w.tupleCount).toBe(1000)
    const bytes = w.take()
    expect(bytes.byteLength).toBe(1000 * 14)
    expect(new DataView(bytes.buffer).getFloat64(bytes.byteLength - 8)).toBe(999)
  })
})
