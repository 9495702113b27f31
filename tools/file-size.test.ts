import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The team's limit for the renderer: small files, split by responsibility. */
const RENDERER = resolve(import.meta.dirname, '..', 'renderer', 'src')
const MAX_LINES = 250

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path)
    return /\.(ts|tsx|css)$/.test(entry.name) ? [path] : []
  })
}

describe('renderer source files', () => {
  it(`are at most ${MAX_LINES} lines each`, () => {
    const all = files(RENDERER)
    expect(all.length).toBeGreaterThan(50)
    const long = all
      .map((path) => ({ path, lines: readFileSync(path, 'utf8').split('\n').length - 1 }))
      .filter((file) => file.lines > MAX_LINES)
      .map((file) => `${relative(RENDERER, file.path)}: ${file.lines}`)
    expect(long).toEqual([])
  })
})
