import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame } from './wire'

describe('wire frames', () => {
  it('round-trips plain JSON values', () => {
    const value = { a: 1, b: 'two', c: [true, null, { d: 'é✓' }] }
    expect(decodeFrame(encodeFrame(value))).toEqual(value)
  })

  it('carries typed arrays as binary, preserving values and types', () => {
    const times = new Float64Array([1.5, 2.5, Number.NaN, -0])
    const bytes = new Uint8Array([1, 2, 3])
    const ints = new Int32Array([-1, 7])
    const decoded = decodeFrame(encodeFrame({ times, nested: [{ bytes, ints }] })) as {
      times: Float64Array
      nested: [{ bytes: Uint8Array; ints: Int32Array }]
    }
    expect(decoded.times).toBeInstanceOf(Float64Array)
    expect(Array.from(decoded.times)).toEqual([1.5, 2.5, Number.NaN, -0])
    expect(decoded.nested[0].bytes).toBeInstanceOf(Uint8Array)
    expect(Array.from(decoded.nested[0].bytes)).toEqual([1, 2, 3])
    expect(Array.from(decoded.nested[0].ints)).toEqual([-1, 7])
  })

  it('handles a typed array that is a view into a larger buffer', () => {
    const big = new Float64Array([9, 8, 7, 6])
    const view = big.subarray(1, 3)
    const decoded = decodeFrame(encodeFrame(view)) as Float64Array
    expect(Array.from(decoded)).toEqual([8, 7])
  })

  it('decodes a frame that sits inside a larger buffer, as a Node Buffer from ws does', () => {
    const frame = encodeFrame({ bytes: new Uint8Array([5, 6, 7]), f: new Float64Array([1.25]) })
    // Node's Buffer: slice() returns a view into a shared pool, not a copy.
    class PooledBytes extends Uint8Array {
      override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
        return this.subarray(start, end) as Uint8Array<ArrayBuffer>
      }
    }
    const pool = new PooledBytes(frame.byteLength + 100).fill(0x82)
    pool.set(frame, 40)
    const decoded = decodeFrame(pool.subarray(40, 40 + frame.byteLength)) as {
      bytes: Uint8Array
      f: Float64Array
    }
    expect(Array.from(decoded.bytes)).toEqual([5, 6, 7])
    expect(decoded.bytes.buffer.byteLength).toBe(3)
    expect(Array.from(decoded.f)).toEqual([1.25])
  })

  it('rejects truncated and inconsistent frames', () => {
    expect(() => decodeFrame(new Uint8Array([1, 0]))).toThrow(/too short/)
    const frame = encodeFrame({ x: new Float64Array([1, 2, 3]) })
    expect(() => decodeFrame(frame.subarray(0, frame.byteLength - 8))).toThrow(/out of bounds/)
    const lying = new Uint8Array(8)
    new DataView(lying.buffer).setUint32(0, 100, true)
    expect(() => decodeFrame(lying)).toThrow(/length mismatch/)
  })
})
