import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { Logger } from './log'

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

/**
 * Reads the list under `key` of a `{ version: 1, [key]: [...] }` file: none
 * when the file does not exist; entries that fail `entry` are skipped, and an
 * unreadable file is moved aside (kept for the user) rather than lost.
 */
export async function readJsonList<T>(
  file: string,
  key: string,
  entry: z.ZodType<T>,
  log: Logger,
): Promise<T[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const schema = z.object({ version: z.literal(1), [key]: z.array(z.unknown()) })
  let list: unknown[]
  try {
    list = schema.parse(JSON.parse(text))[key] as unknown[]
  } catch {
    const aside = `${file}.unreadable-${Date.now()}`
    await rename(file, aside).catch(() => {})
    log.warn(`${key} file was unreadable; moved it aside`, { file: aside })
    return []
  }
  const entries: T[] = []
  for (const item of list) {
    const parsed = entry.safeParse(item)
    if (parsed.success) entries.push(parsed.data)
    else log.warn(`skipped an invalid entry of ${key}`, { file })
  }
  return entries
}
