import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'

export const ROOT = join(import.meta.dirname, '..', '..')

export interface WebHostProcess {
  url: string
  dataDir: string
  /** Where profiles.json lives. */
  configDir: string
  /** Everything the host wrote to stdout and stderr. */
  output: string[]
  /** The host's process id (e.g. to read its memory). */
  pid: number | undefined
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Runs the built web host (out/main/web.js) on a free loopback port. */
export async function startWebHostProcess(
  options: { dataDir?: string; configDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<WebHostProcess> {
  const dataDir = options.dataDir ?? join(await mkdtemp(join(tmpdir(), 'e2e-data-')), 'embedded')
  // Profiles default to the data folder's parent: a temp folder, never the real home.
  const configDir = options.configDir ?? dirname(dataDir)
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'out', 'main', 'web.js'),
      ...['--port', '0', '--data-dir', dataDir, '--config-dir', configDir],
    ],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const output: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web host did not start:\n${output.join('\n')}`)),
      30_000,
    )
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line)
      const match = /^Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    void exited.then((code) =>
      reject(new Error(`web host exited (${code}):\n${output.join('\n')}`)),
    )
  })
  return {
    url,
    dataDir,
    configDir,
    output,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
