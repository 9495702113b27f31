// TextEncoder/TextDecoder exist in Node and in browsers, but neither the ES
// lib nor @types/node may be assumed in shared/; declare just what it uses.
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>
}
declare class TextDecoder {
  constructor(label?: string)
  decode(input?: Uint8Array): string
}
