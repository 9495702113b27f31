import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Import loops make modules see each other half-initialised and tie layers
 * together (the renderer's API client once imported the store to show
 * notifications, which made a 10-file loop). Type-only imports are erased at
 * build time and do not count.
 */
const ROOT = resolve(import.meta.dirname, '..')
const SOURCES = ['renderer/src', 'shared', 'electron']

const IMPORT = /^\s*(import|export)\s+([^'"]*?)\s*from\s*['"](\.[^'"]+)['"]/gm
const SIDE_EFFECT = /^\s*import\s+['"](\.[^'"]+)['"]/gm

/** The relative modules a file loads at run time. */
export function runtimeImports(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(IMPORT)) {
    const clause = match[2] ?? ''
    if (/^type\b/.test(clause)) continue
    // import { type A, type B } from '...' loads nothing either.
    const braces = /^\{([^}]*)\}$/.exec(clause.trim())
    const names =
      braces?.[1]
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean) ?? []
    if (braces && names.length > 0 && names.every((n) => n.startsWith('type '))) continue
    found.push(match[3]!)
  }
  for (const match of text.matchAll(SIDE_EFFECT)) found.push(match[1]!)
  return found
}

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec)
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** Every loop in the graph, each once, as the files along it. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = []
  const done = new Set<string>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const seen = new Set<string>()
  const visit = (node: string) => {
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (onStack.has(next)) {
        const cycle = stack.slice(stack.indexOf(next))
        const key = [...cycle].sort().join('|')
        if (!seen.has(key)) {
          seen.add(key)
          cycles.push([...cycle, next])
        }
      } else if (!done.has(next)) {
        visit(next)
      }
    }
    stack.pop()
    onStack.delete(node)
    done.add(node)
  }
  for (const node of graph.keys()) if (!done.has(node)) visit(node)
  return cycles
}

describe('import cycles', () => {
  it('none in renderer/, shared/ or electron/ (type-only imports aside)', () => {
    const graph = new Map<string, string[]>()
    for (const file of SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
      const imports = runtimeImports(readFileSync(file, 'utf8'))
        .map((spec) => resolveModule(file, spec))
        .filter((path): path is string => path !== null)
      graph.set(file, imports)
    }
    expect(graph.size).toBeGreaterThan(100)
    const shown = findCycles(graph).map((cycle) =>
      cycle.map((file) => relative(ROOT, file)).join(' -> '),
    )
    expect(shown).toEqual([])
  })

  it('the check itself finds a loop and ignores type-only imports', () => {
    expect(
      findCycles(
        new Map([
          ['client', ['store']],
          ['store', ['slice']],
          ['slice', ['client']],
          ['view', ['store']],
        ]),
      ),
    ).toEqual([['client', 'store', 'slice', 'client']])
    expect(
      runtimeImports(
        [
          "import type { A } from './a'",
          "import { type B, type C } from './b'",
          "import { type D, e } from './d'",
          "import f from './f'",
          "export { g } from './g'",
          "export type { H } from './h'",
          "import './styles.css'",
          "import { z } from 'zod'",
        ].join('\n'),
      ),
    ).toEqual(['./d', './f', './g', './styles.css'])
  })
})
