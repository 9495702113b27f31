// `npm run web`: builds what is missing, then runs the loopback web host.
// Build output goes to stderr so stdout carries just the "Open http://..." line.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const needed = ['out/main/web.js', 'out/main/engine-worker.js', 'out/renderer/index.html']

if (needed.some((file) => !existsSync(join(root, file)))) {
  process.stderr.write('Building the app (first run)…\n')
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// The embedded engine's initial data folder: without it a new folder runs initdb (slower).
if (!existsSync(join(root, 'out', 'embedded-template', 'PG_VERSION'))) {
  spawnSync(process.execPath, [join(root, 'scripts', 'embedded-template.mjs')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  })
}

await import(pathToFileURL(join(root, 'out', 'main', 'web.js')).href)
