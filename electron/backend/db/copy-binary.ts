/**
 * PostgreSQL's binary COPY file framing (see the COPY docs, "Binary Format"):
 * an 11-byte signature, a 32-bit flags field, a 32-bit header-extension length,
 * then tuples, then a 16-bit -1 trailer.
 */
// prettier-ignore
export const BINARY_COPY_HEADER = Uint8Array.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, // PGCOPY\n\377\r\n\0
  0, 0, 0, 0, // flags
  0, 0, 0, 0, // header extension length
])

export const BINARY_COPY_TRAILER = Uint8Array.from([0xff, 0xff])

/** Wraps tuple bytes into a complete binary COPY file. */
export function frameBinaryCopy(tuples: Uint8Array): Uint8Array {
  const out = new Uint8Array(BINARY_COPY_HEADER.length + tuples.length + BINARY_COPY_TRAILER.length)
  out.set(BINARY_COPY_HEADER, 0)
  out.set(tuples, BINARY_COPY_HEADER.length)
  out.set(BINARY_COPY_TRAILER, BINARY_COPY_HEADER.length + tuples.length)
  return out
}

/** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01 UTC), in ms. */
export const PG_EPOCH_MS = 946_684_800_000
export const TWO_32 = 2 ** 32

/**
 * Writes tuples in binary COPY format into one reusable buffer. Integer
 * arithmetic stays in doubles (no BigInt per value) because this runs once per
 * field of millions of rows.
 */
export class BinaryTupleWriter {
  private buffer: Uint8Array
  private view: DataView
  private offset = 0
  private tuples = 0

  constructor(initialBytes = 1 << 16) {
    this.buffer = new Uint8Array(initialBytes)
    this.view = new DataView(this.buffer.buffer)
  }

  get byteLength(): number {
    return this.offset
  }

  get tupleCount(): number {
    return this.tuples
  }

  private ensure(extra: number): void {
    if (this.offset + extra <= this.buffer.byteLength) return
    let size = this.buffer.byteLength * 2
    while (size < this.offset + extra) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buffer.subarray(0, this.offset))
    this.buffer = next
    this.view = new DataView(next.buffer)
  }

  beginTuple(fieldCount: number): this {
    this.ensure(2)
    this.view.setInt16(this.offset, fieldCount)
    this.offset += 2
    this.tuples++
    return this
  }

  null(): this {
    this.ensure(4)
    this.view.setInt32(this.offset, -1)
    this.offset += 4
    return this
  }

  int4(value: number): this {
    this.ensure(8)
    this.view.setInt32(this.offset, 4)
    this.view.setInt32(this.offset + 4, value)
    this.offset += 8
    return this
  }

  float8(value: number): this {
    this.ensure(12)
    this.view.setInt32(this.offset, 8)
    this.view.setFloat64(this.offset + 4, value)
    this.offset += 12
    return this
  }

  /** timestamptz from Unix milliseconds (fractions of a ms are kept to the microsecond). */
  timestamptz(unixMs: number): this {
    this.ensure(12)
    const micros = Math.round((unixMs - PG_EPOCH_MS) * 1000)
    const high = Math.floor(micros / TWO_32)
    this.view.setInt32(this.offset, 8)
    this.view.setInt32(this.offset + 4, high)
    this.view.setUint32(this.offset + 8, micros - high * TWO_32)
    this.offset += 12
    return this
  }

  /** Hands out the tuples written so far (a copy) and starts over. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.offset)
    this.offset = 0
    this.tuples = 0
    return out
  }
}
