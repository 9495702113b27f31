import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * A rule left open (easy to do when merging stylesheets) swallows every rule
 * after it, and the browser then drops them silently. We use no CSS nesting, so
 * a rule may open only at the top level or directly inside an at-rule.
 */
function openRulesInsideRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/'[^']*'|"[^"]*"/g, '""')
  const stack: ('at' | 'rule')[] = []
  const problems: string[] = []
  let prelude = ''
  for (const ch of text) {
    if (ch === '{') {
      const kind = prelude.trim().startsWith('@') ? 'at' : 'rule'
      if (stack.at(-1) === 'rule') problems.push(prelude.trim().slice(0, 60))
      stack.push(kind)
      prelude = ''
    } else if (ch === '}') {
      if (stack.pop() === undefined) problems.push('unbalanced }')
      prelude = ''
    } else if (ch === ';') {
      prelude = ''
    } else {
      prelude += ch
    }
  }
  if (stack.length > 0) problems.push(`${stack.length} block(s) never closed`)
  return problems
}

const STYLES = new URL('../renderer/src/styles/', import.meta.url)
const stylesheets = readdirSync(STYLES).filter((name) => name.endsWith('.css'))
const read = (name: string) => readFileSync(new URL(name, STYLES), 'utf8')

describe('renderer/src/styles', () => {
  it.each(stylesheets)(
    '%s has no rule opened inside another rule, and every block closed',
    (name) => {
      expect(openRulesInsideRules(read(name))).toEqual([])
    },
  )

  it('app.css imports every other stylesheet, and only them', () => {
    const imported = [...read('app.css').matchAll(/@import '\.\/([\w-]+\.css)';/g)].map((m) => m[1])
    expect([...imported].sort()).toEqual(stylesheets.filter((name) => name !== 'app.css').sort())
    expect(stylesheets.length).toBeGreaterThan(5)
  })

  it('the check itself catches an unclosed rule', () => {
    expect(openRulesInsideRules('.a { color: red;\n.b { color: blue; }')).toEqual([
      '.b',
      '1 block(s) never closed',
    ])
    expect(openRulesInsideRules('@media (x) { .a { color: red; } }')).toEqual([])
  })
})
