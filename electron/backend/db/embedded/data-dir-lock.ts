import { open, readFile, rm } from 'node:fs/promises'
import { AppError } from '../../../../shared/errors'

export interface DataDirLock {
  release(): Promise<void>
}

/**
 * PGlite keeps a whole PostgreSQL data directory in one process's memory and
 * writes it back; two processes on one directory would corrupt it. A pid file
 * beside the directory keeps a second app (Electron or web host) out.
 */
const heldHere = new Set<string>()

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = `${dataDir}.lock`
  if (heldHere.has(path)) {
    throw new AppError('engine_busy', `The embedded TimescaleDB in ${dataDir} is already open.`)
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      heldHere.add(path)
      return {
        release: async () => {
          heldHere.delete(path)
          await rm(path, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'engine_busy',
          `The embedded TimescaleDB in ${dataDir} is open in another TSDB Explorer (process ${holder}). Close it, or start this one with a different data folder.`,
        )
      }
      // A stale lock left by a process that is gone.
      await rm(path, { force: true })
    }
  }
  throw new AppError('engine_busy', `Could not lock the embedded data folder ${dataDir}.`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
