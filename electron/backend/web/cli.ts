import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createBackend } from '../backend'
import { defaultUserDataDir, embeddedDataDirIn } from '../paths'
import { startWebHost } from './server'

/**
 * `npm run web`: the whole app on any machine, in a browser, on loopback.
 * Bundled to out/main/web.js beside engine-worker.js, with the renderer in out/renderer.
 */
const here = dirname(fileURLToPath(import.meta.url))

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as {
      version?: string
    }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'config-dir': { type: 'string' },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (got "${values.port}")`)
  }
  const dataDir = resolve(values['data-dir'] ?? embeddedDataDirIn(defaultUserDataDir()))
  // Profiles go beside the data folder unless told otherwise; passwords stay in memory.
  const configDir = resolve(values['config-dir'] ?? dirname(dataDir))
  const backend = createBackend({
    host: 'web',
    version: readVersion(),
    embeddedDataDir: dataDir,
    configDir,
    engineWorkerPath: join(here, 'engine-worker.js'),
    embeddedTemplateDir: join(here, '..', 'embedded-template'),
    embeddedExtensionDir: join(here, '..', 'embedded-extension'),
    startEmbeddedEarly: true,
  })
  const host = await startWebHost({ backend, rendererDir: join(here, '..', 'renderer'), port })
  process.stdout.write(`Open ${host.url}\n`)
  backend.log.info('web host ready', { port: host.port, dataDir, configDir })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    backend.log.info('shutting down', { signal })
    void (async () => {
      await host.close()
      // Closing the backend closes the embedded engine, which writes its data out.
      await backend.close()
      process.exit(0)
    })()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
