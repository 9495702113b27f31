import { appendFile, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../log'
import { quickStartText } from '../test-support/quick-start'
import { csvRecord } from './csv'
import { ConsoleStore, HISTORY_LIMIT, profileKeyOf } from './history'
import { STARTER_SNIPPETS } from './starters'

const store = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'console-store-'))
  return { dir, store: new ConsoleStore(dir, silentLogger) }
}
const NEWLINE = String.fromCharCode(10)
const entry = (sql: string, at = 1) => ({ at, sql, durationMs: 2, rows: 1, outcome: 'ok' as const })

describe('ConsoleStore', () => {
  it('keeps history per profile, newest first, searchable, never parameter values', async () => {
    const { dir, store: s } = await store()
    await s.record('p1', [entry('SELECT * FROM sensors', 1), entry('SELECT 2', 2)])
    await s.record('p2', [entry('SELECT other', 3)])
    expect((await s.history('p1', '', 10)).map((e) => e.sql)).toEqual([
      'SELECT 2',
      'SELECT * FROM sensors',
    ])
    expect((await s.history('p1', 'SENSORS', 10)).map((e) => e.sql)).toEqual([
      'SELECT * FROM sensors',
    ])
    expect((await s.history('p2', '', 10)).map((e) => e.sql)).toEqual(['SELECT other'])
    const text = await readFile(join(dir, 'console', 'p1.history.jsonl'), 'utf8')
    expect(text.trim().split('\n')).toHaveLength(2)
  })

  it('trims the history file when it doubles, keeping the newest', async () => {
    const { dir, store: s } = await store()
    const total = 2 * HISTORY_LIMIT + 5
    await s.record(
      'p',
      Array.from({ length: total }, (_, i) => entry(`SELECT ${i}`, i)),
    )
    expect((await s.history('p', '', 1))[0]?.sql).toBe(`SELECT ${total - 1}`)
    const file = await readFile(join(dir, 'console', 'p.history.jsonl'), 'utf8')
    const lines = file.trim().split(NEWLINE)
    expect(lines).toHaveLength(HISTORY_LIMIT)
    expect(JSON.parse(lines[0] ?? '{}').sql).toBe(`SELECT ${total - HISTORY_LIMIT}`)
  })

  it('skips a torn last line instead of failing', async () => {
    const { dir, store: s } = await store()
    await s.record('p', [entry('SELECT 1')])
    await appendFile(join(dir, 'console', 'p.history.jsonl'), '{"id":"x","at":')
    expect((await s.history('p', '', 10)).map((e) => e.sql)).toEqual(['SELECT 1'])
  })

  it('saves, renames and deletes snippets, always offering the starters', async () => {
    const { store: s } = await store()
    expect((await s.snippets('p')).filter((x) => x.starter)).toHaveLength(STARTER_SNIPPETS.length)
    const saved = await s.saveSnippet('p', { name: 'Mine', sql: 'SELECT 1' })
    const renamed = await s.saveSnippet('p', { id: saved.id, name: 'Renamed', sql: 'SELECT 2' })
    expect(renamed.id).toBe(saved.id)
    expect((await s.snippets('p')).filter((x) => !x.starter)).toEqual([renamed])
    await expect(s.deleteSnippet('p', STARTER_SNIPPETS[0]?.id ?? '')).rejects.toThrow(
      /no longer exists/,
    )
    await s.deleteSnippet('p', saved.id)
    expect((await s.snippets('p')).filter((x) => !x.starter)).toEqual([])
  })

  it('keeps tabs per profile', async () => {
    const { store: s } = await store()
    const tabs = {
      tabs: [
        {
          id: 't1',
          title: 'Query 1',
          sql: 'SELECT 1',
          settings: { readOnly: true, autoCommit: true, statementTimeoutMs: 0 },
        },
      ],
      activeId: 't1',
    }
    expect(await s.tabs('p')).toEqual({ tabs: [], activeId: null })
    await s.saveTabs('p', tabs)
    expect(await s.tabs('p')).toEqual(tabs)
    expect(await s.tabs('other')).toEqual({ tabs: [], activeId: null })
  })
})

describe('profileKeyOf', () => {
  it('is the profile id, the embedded profile, or a digest of where an unsaved connection goes', () => {
    expect(profileKeyOf({ kind: 'embedded', label: 'x' })).toBe('embedded')
    expect(profileKeyOf({ kind: 'server', label: 'x', profileId: 'abc-1' })).toBe('abc-1')
    const a = profileKeyOf({
      kind: 'server',
      label: 'x',
      host: 'h',
      port: 5432,
      database: 'd',
      user: 'u',
    })
    const b = profileKeyOf({
      kind: 'server',
      label: 'x',
      host: 'h2',
      port: 5432,
      database: 'd',
      user: 'u',
    })
    expect(a).toMatch(/^adhoc-[0-9a-f]{24}$/)
    expect(a).not.toBe(b)
  })
})

describe('the starter snippets', () => {
  it("are the quick start's statements, whitespace aside", () => {
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
    const seed = squash(quickStartText())
    for (const snippet of STARTER_SNIPPETS) expect(seed).toContain(squash(snippet.sql))
  })
})

describe('csvRecord', () => {
  it("quotes as COPY's CSV does", () => {
    expect(csvRecord(['a', null, '', 'x,y', 'say "hi"', 'two\nlines'])).toBe(
      'a,,"","x,y","say ""hi""","two\nlines"\n',
    )
    expect(csvRecord(['\\.'])).toBe('"\\."\n')
    expect(csvRecord(['\\.', 'b'])).toBe('\\.,b\n')
  })
})
