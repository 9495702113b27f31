import { homedir } from 'node:os'
import { parse, resolve } from 'node:path'
import { rm } from 'node:fs/promises'
import { AppError } from '../../../../shared/errors'
import { acquireDataDirLock } from './data-dir-lock'

/**
 * Deletes the embedded engine's data folder. Holds the folder's lock while it
 * does, so a folder open in another TSDB Explorer is never deleted under it.
 */
export async function wipeEmbeddedDataDir(dataDir: string): Promise<void> {
  const full = resolve(dataDir)
  if (full === parse(full).root || full === resolve(homedir())) {
    throw new AppError('invalid_input', `Refusing to delete ${full}: it is not a data folder.`)
  }
  const lock = await acquireDataDirLock(dataDir)
  try {
    await rm(full, { recursive: true, force: true })
  } finally {
    await lock.release()
  }
}
