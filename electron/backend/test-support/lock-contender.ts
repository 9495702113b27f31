/**
 * A separate process that competes for an embedded data folder's lock with the
 * real acquireDataDirLock, driven over IPC by data-dir-lock.int.test.ts:
 * `acquire` (at an agreed instant, so every contender starts together),
 * `release`, and `exit`. Run with `node --import tsx`.
 */
import { acquireDataDirLock, type DataDirLock } from '../db/embedded/data-dir-lock'

export type ContenderCommand =
  { op: 'acquire'; dataDir: string; at: number } | { op: 'release' } | { op: 'exit' }

export type ContenderReply =
  | { op: 'ready'; pid: number }
  | { op: 'acquired'; pid: number }
  | { op: 'refused'; pid: number; code: string; message: string }
  | { op: 'released'; pid: number }

let held: DataDirLock | null = null

function reply(message: ContenderReply): void {
  process.send?.(message)
}

async function acquire(dataDir: string, at: number): Promise<void> {
  // Sleep most of the way, then spin, so all contenders start within a fraction of a millisecond.
  const wait = at - Date.now() - 2
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  while (Date.now() < at) {
    // spin
  }
  try {
    held = await acquireDataDirLock(dataDir)
    reply({ op: 'acquired', pid: process.pid })
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown }
    reply({ op: 'refused', pid: process.pid, code: String(code), message: String(message) })
  }
}

process.on('message', (command: ContenderCommand) => {
  if (command.op === 'acquire') void acquire(command.dataDir, command.at)
  else if (command.op === 'release') {
    const lock = held
    held = null
    void (lock ? lock.release() : Promise.resolve()).then(() =>
      reply({ op: 'released', pid: process.pid }),
    )
  } else process.exit(0)
})

reply({ op: 'ready', pid: process.pid })
