import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes `data` as JSON, readable by this user only: whole to a temp file,
 * then renamed over `file`, so a crash never leaves half a file.
 */
export async function writeJsonFile(file: string, data: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 })
  await rename(temp, file)
}
