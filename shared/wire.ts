/**
 * Framing for the web host's WebSocket: JSON for structure, raw bytes for typed
 * arrays, so chart columns cross as Float64Array without a detour through
 * number[] (Electron's structured clone does the same natively).
 *
 * Frame: [u32 LE json byte length][json][padding to 8][buffer 0][padding]...
 * Typed arrays in the value are replaced by {"$ta": kind, "o": offset, "n": length}.
 */

const TAG = '$ta'
type TypedKind = 'f64' | 'u8' | 'i32'

type Typed = Float64Array | Uint8Array | Int32Array

function kindOf(value: unknown): TypedKind | null {
  if (value instanceof Float64Array) return 'f64'
  if (value instanceof Uint8Array) return 'u8'
  if (value instanceof Int32Array) return 'i32'
  return null
}

const align8 = (n: number) => (n + 7) & ~7

export function encodeFrame(value: unknown): Uint8Array<ArrayBuffer> {
  const buffers: Typed[] = []
  let offset = 0
  const json = JSON.stringify(value, function replacer(this: unknown, _key, v: unknown) {
    const kind = kindOf(v)
    if (!kind) return v
    const typed = v as Typed
    const ref = { [TAG]: kind, o: offset, n: typed.length }
    buffers.push(typed)
    offset = align8(offset + typed.byteLength)
    return ref
  })
  const jsonBytes = new TextEncoder().encode(json ?? 'null')
  const bodyStart = align8(4 + jsonBytes.byteLength)
  const frame = new Uint8Array(bodyStart + offset)
  new DataView(frame.buffer).setUint32(0, jsonBytes.byteLength, true)
  frame.set(jsonBytes, 4)
  let at = bodyStart
  for (const typed of buffers) {
    frame.set(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), at)
    at = align8(at + typed.byteLength)
  }
  return frame
}

export function decodeFrame(input: ArrayBuffer | Uint8Array): unknown {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input)
  if (bytes.byteLength < 4) throw new Error('Frame too short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const jsonLength = view.getUint32(0, true)
  if (4 + jsonLength > bytes.byteLength) throw new Error('Frame length mismatch')
  const json = new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength))
  const bodyStart = align8(4 + jsonLength)
  return JSON.parse(json, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || !(TAG in v)) return v
    const ref = v as { [TAG]: TypedKind; o: number; n: number }
    return readTyped(bytes, bodyStart + ref.o, ref[TAG], ref.n)
  })
}

function readTyped(bytes: Uint8Array, start: number, kind: TypedKind, length: number): Typed {
  const width = kind === 'f64' ? 8 : kind === 'i32' ? 4 : 1
  const end = start + length * width
  if (end > bytes.byteLength || start < 0 || length < 0)
    throw new Error('Typed array out of bounds')
  // Copy so the result owns an aligned buffer regardless of the frame's offset.
  // (Not bytes.slice: on a Node Buffer, as ws delivers, slice is a view into a
  // shared pool, and its .buffer is the whole pool.)
  const copy = new Uint8Array(bytes.subarray(start, end)).buffer
  if (kind === 'f64') return new Float64Array(copy)
  if (kind === 'i32') return new Int32Array(copy)
  return new Uint8Array(copy)
}
