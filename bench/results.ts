/** Where every bench suite leaves its figures: bench/results/<suite>-<start time>.json. */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const RESULTS_DIR = join(import.meta.dirname, 'results')

/** Writes `results` (pretty JSON) for `suite`, run at `at`, and prints the file's path. */
export async function writeResults(suite: string, at: Date, results: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${suite}-${at.toISOString().replace(/[:.]/g, '-')}.json`)
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nResults: ${file}`)
  return file
}
