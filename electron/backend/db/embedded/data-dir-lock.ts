import { randomUUID } from 'node:crypto'
import { link, open, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../../../shared/errors'
import { isProcessAlive } from '../../process-alive'

export interface DataDirLock {
  release(): Promise<void>
}

/**
 * How long an empty (or unreadable) lock counts as held: a process that uses
 * plain exclusive create is between creating the file and writing its pid.
 * Only older than this is it the leftover of a crash.
 */
export const EMPTY_LOCK_GRACE_MS = 10_000

/** Tries before giving up when the lock keeps changing under us (each try is a few file operations). */
const MAX_TRIES = 100
const RETRY_MS = 20

/**
 * PGlite keeps a whole PostgreSQL data directory in one process's memory and
 * writes it back; two processes on one directory would corrupt it (and lose
 * one side's commits). A pid file beside the directory keeps a second app
 * (Electron or web host) out.
 *
 * The lock file is only ever created whole and exclusively (written to a
 * temporary file, then hard-linked to the lock's name, which fails if it
 * exists), so nobody reads it half written. A stale lock (its process is gone)
 * is replaced by an atomic rename, and only by the one process that won the
 * exclusive create of a "takeover" marker for that very lock file (named by
 * its inode and mtime) and then found the same file still in place. So a lock
 * held by a live process is never removed or overwritten by another.
 */
const heldHere = new Set<string>()

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = `${dataDir}.lock`
  if (heldHere.has(path)) {
    throw new AppError('engine_busy', `The embedded TimescaleDB in ${dataDir} is already open.`)
  }
  heldHere.add(path)
  try {
    const token = await take(path, dataDir)
    return {
      release: async () => {
        try {
          const current = await readLock(path)
          if (current?.token === token) await rm(path, { force: true })
        } finally {
          heldHere.delete(path)
        }
      },
    }
  } catch (error) {
    heldHere.delete(path)
    throw error
  }
}

interface LockFile {
  /** Null when the file is empty or unreadable (being written by a plain exclusive create, or torn by a crash). */
  holder: number | null
  token: string | null
  /** This very file: inode and modification time, which a rename keeps. */
  identity: string
  ageMs: number
}

async function take(path: string, dataDir: string): Promise<string> {
  const token = randomUUID()
  const content = `${process.pid}\n${token}\n`
  let busyWith: number | null = null
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    if (attempt > 0) await sleep(RETRY_MS)
    if (await createExclusive(path, content)) return token
    const seen = await readLock(path)
    if (!seen) continue // released just now: try again
    if (isHeld(seen)) throw heldBy(dataDir, seen.holder)
    const outcome = await replaceStale(path, seen, content)
    if (outcome === 'taken') return token
    // 'changed': someone took it first, and the next read says who. A number:
    // that process is replacing the same stale lock right now; wait for it.
    busyWith = typeof outcome === 'number' ? outcome : null
  }
  throw heldBy(dataDir, busyWith)
}

function isHeld(lock: LockFile): boolean {
  if (lock.holder === null) return lock.ageMs < EMPTY_LOCK_GRACE_MS
  // A lock naming this process that heldHere does not know is from an earlier
  // process that had the same pid (e.g. in a container, after a restart).
  return lock.holder !== process.pid && isProcessAlive(lock.holder)
}

function heldBy(dataDir: string, holder: number | null): AppError {
  const who =
    holder === null
      ? 'another TSDB Explorer that is being opened'
      : `another TSDB Explorer (process ${holder})`
  return new AppError(
    'engine_busy',
    `The embedded TimescaleDB in ${dataDir} is open in ${who}. Close it, or start this one with a different data folder.`,
  )
}

/**
 * Replaces a stale lock unless another process is doing so or already did.
 * Returns 'taken', 'changed' (look again), or the pid of a live process that
 * holds a takeover marker for this same lock file.
 */
async function replaceStale(
  path: string,
  seen: LockFile,
  content: string,
): Promise<'taken' | 'changed' | number> {
  const dir = dirname(path)
  const prefix = `${basename(path)}.takeover-${seen.identity}-`
  let highest = 0
  for (const name of await readdir(dir)) {
    const number = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN
    if (!Number.isSafeInteger(number)) continue
    highest = Math.max(highest, number)
    const owner = (await readLock(join(dir, name)))?.holder ?? null
    if (owner !== null && owner !== process.pid && isProcessAlive(owner)) return owner
  }
  // Every earlier marker belongs to a process that died mid-takeover. Markers
  // are only ever created exclusively, so of those that list the same markers
  // and pick the same next number, exactly one gets it.
  const marker = `${prefix}${highest + 1}`
  if (!(await createExclusive(join(dir, marker), content))) return 'changed'
  let taken = false
  try {
    const now = await readLock(path)
    // Only a marker's owner replaces the lock, and the only live owner for this file is us.
    if (now?.identity !== seen.identity) return 'changed'
    const temporary = temporaryName(path)
    await writeFile(temporary, content, { flag: 'wx' })
    try {
      await rename(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
    taken = true
    return 'taken'
  } finally {
    // After a takeover, the markers of the file we replaced (ours, and any of processes that died).
    const names = taken ? (await readdir(dir)).filter((name) => name.startsWith(prefix)) : [marker]
    await Promise.all(names.map((name) => rm(join(dir, name), { force: true })))
  }
}

/**
 * Creates `path` holding `content`, or returns false if it exists. Written to
 * a temporary file first, then hard-linked: the name appears with its content.
 * Where hard links are not supported, falls back to an exclusive open (whose
 * moment of emptiness EMPTY_LOCK_GRACE_MS covers).
 */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temporary = temporaryName(path)
  try {
    await writeFile(temporary, content, { flag: 'wx' })
    await link(temporary, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error
    return createByOpen(path, content)
  } finally {
    await rm(temporary, { force: true })
  }
}

async function createByOpen(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx')
    try {
      await handle.writeFile(content)
    } finally {
      await handle.close()
    }
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** Beside the lock, named so that no lock or marker name is a prefix of it. */
function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomUUID()}.tmp`)
}

/** Reads one lock file; its identity and content come from the same open file. Null if there is none. */
async function readLock(path: string): Promise<LockFile | null> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const info = await handle.stat({ bigint: true })
    const [first = '', second = ''] = (await handle.readFile('utf8')).split('\n')
    const pid = Number(first.trim())
    return {
      holder: Number.isSafeInteger(pid) && pid > 0 ? pid : null,
      token: second.trim() || null,
      identity: `${info.ino}-${info.mtimeNs}`,
      ageMs: Date.now() - Number(info.mtimeMs),
    }
  } finally {
    await handle.close()
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
