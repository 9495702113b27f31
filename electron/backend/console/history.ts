import { createHash, randomUUID } from 'node:crypto'
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import {
  ConsoleTabsSchema,
  type ConsoleTabs,
  type HistoryEntry,
  type Snippet,
} from '../../../shared/domain/console'
import { EMBEDDED_PROFILE_ID, type TargetSummary } from '../../../shared/domain/connection'
import { AppError } from '../../../shared/errors'
import { writeJsonFile } from '../json-file'
import type { Logger } from '../log'
import { Mutex } from '../mutex'
import { STARTER_SNIPPETS } from './starters'

/** History kept per profile; the file is trimmed back to this when it doubles. */
export const HISTORY_LIMIT = 1000
const MAX_HISTORY_SQL = 20_000
const MAX_SNIPPETS = 500

const HistoryLineSchema = z.object({
  id: z.string(),
  at: z.number(),
  sql: z.string(),
  durationMs: z.number(),
  rows: z.number().nullable(),
  outcome: z.enum(['ok', 'error', 'cancelled']),
  message: z.string().optional(),
})
const SnippetsFileSchema = z.object({
  version: z.literal(1),
  snippets: z.array(
    z.object({ id: z.uuid(), name: z.string(), sql: z.string(), updatedAt: z.number() }),
  ),
})

/**
 * The console's history, snippets and tabs, per connection profile, in the
 * folder that holds profiles.json: `console/<profile>.history.jsonl` (one line
 * per statement run, appended), `.snippets.json`, `.tabs.json`. Parameter
 * values are never written: they may be personal, and the form asks again.
 */
export class ConsoleStore {
  private readonly mutex = new Mutex()
  /** Lines in each profile's history file, counted once, to know when to trim it. */
  private readonly lines = new Map<string, number>()

  constructor(
    private readonly configDir: string,
    private readonly log: Logger,
  ) {}

  private file(profile: string, kind: 'history.jsonl' | 'snippets.json' | 'tabs.json'): string {
    return join(this.configDir, 'console', `${profile}.${kind}`)
  }

  async record(profile: string, entries: Omit<HistoryEntry, 'id'>[]): Promise<void> {
    if (entries.length === 0) return
    const lines = entries.map((e) => {
      const line: HistoryEntry = { ...e, id: randomUUID(), sql: e.sql.slice(0, MAX_HISTORY_SQL) }
      if (e.message) line.message = e.message.slice(0, 300)
      return `${JSON.stringify(line)}\n`
    })
    await this.mutex.run(async () => {
      const file = this.file(profile, 'history.jsonl')
      await mkdir(join(this.configDir, 'console'), { recursive: true, mode: 0o700 })
      const counted = this.lines.get(profile) ?? (await this.readHistory(profile)).length
      await appendFile(file, lines.join(''), { mode: 0o600 })
      this.lines.set(profile, counted + lines.length)
      if (counted + lines.length > 2 * HISTORY_LIMIT) {
        const kept = (await this.readHistory(profile)).slice(-HISTORY_LIMIT)
        await writeJsonLines(file, kept)
        this.lines.set(profile, kept.length)
      }
    })
  }

  private async readHistory(profile: string): Promise<HistoryEntry[]> {
    const text = await readIfThere(this.file(profile, 'history.jsonl'))
    const entries: HistoryEntry[] = []
    for (const line of text.split('\n')) {
      if (!line.trim()) continue
      try {
        const parsed = HistoryLineSchema.safeParse(JSON.parse(line))
        if (parsed.success) entries.push(parsed.data as HistoryEntry)
      } catch {
        // A torn last line (a crash mid-append) is skipped, not fatal.
      }
    }
    return entries
  }

  /** Newest first; `search` matches the statement's text, ignoring case. */
  async history(profile: string, search: string, limit: number): Promise<HistoryEntry[]> {
    const needle = search.trim().toLowerCase()
    const all = await this.mutex.run(() => this.readHistory(profile))
    const found: HistoryEntry[] = []
    for (let i = all.length - 1; i >= 0 && found.length < limit; i--) {
      const entry = all[i] as HistoryEntry
      if (!needle || entry.sql.toLowerCase().includes(needle)) found.push(entry)
    }
    return found
  }

  async snippets(profile: string): Promise<Snippet[]> {
    const saved = await this.mutex.run(() => this.readSnippets(profile))
    return [...STARTER_SNIPPETS, ...saved.map((s) => ({ ...s, starter: false }))]
  }

  private async readSnippets(profile: string) {
    const text = await readIfThere(this.file(profile, 'snippets.json'))
    if (!text) return []
    const parsed = SnippetsFileSchema.safeParse(safeJson(text))
    if (!parsed.success) {
      this.log.warn('console snippets file is not valid; starting empty', { profile })
      return []
    }
    return parsed.data.snippets
  }

  saveSnippet(
    profile: string,
    input: { id?: string | undefined; name: string; sql: string },
  ): Promise<Snippet> {
    return this.mutex.run(async () => {
      const snippets = await this.readSnippets(profile)
      const now = Date.now()
      const existing = input.id ? snippets.find((s) => s.id === input.id) : undefined
      if (input.id && !existing) throw new AppError('not_found', 'That snippet no longer exists.')
      if (!existing && snippets.length >= MAX_SNIPPETS) {
        throw new AppError('invalid_input', `At most ${MAX_SNIPPETS} snippets: delete some first.`)
      }
      const snippet = {
        id: existing?.id ?? randomUUID(),
        name: input.name,
        sql: input.sql,
        updatedAt: now,
      }
      const next = existing
        ? snippets.map((s) => (s.id === snippet.id ? snippet : s))
        : [...snippets, snippet]
      await writeJsonFile(this.file(profile, 'snippets.json'), { version: 1, snippets: next })
      return { ...snippet, starter: false }
    })
  }

  deleteSnippet(profile: string, id: string): Promise<void> {
    return this.mutex.run(async () => {
      const snippets = await this.readSnippets(profile)
      if (!snippets.some((s) => s.id === id))
        throw new AppError('not_found', 'That snippet no longer exists.')
      await writeJsonFile(this.file(profile, 'snippets.json'), {
        version: 1,
        snippets: snippets.filter((s) => s.id !== id),
      })
    })
  }

  async tabs(profile: string): Promise<ConsoleTabs> {
    const text = await this.mutex.run(() => readIfThere(this.file(profile, 'tabs.json')))
    const parsed = ConsoleTabsSchema.safeParse(safeJson(text))
    return parsed.success ? parsed.data : { tabs: [], activeId: null }
  }

  saveTabs(profile: string, tabs: ConsoleTabs): Promise<void> {
    return this.mutex.run(() => writeJsonFile(this.file(profile, 'tabs.json'), tabs))
  }
}

/**
 * Whose history a connection uses: its saved profile, the embedded engine,
 * or (for a connection made from a URL without saving it) a digest of where
 * it goes, so two servers never share one.
 */
export function profileKeyOf(target: TargetSummary | null): string {
  if (!target) throw new AppError('not_connected', 'Not connected to a database.')
  if (target.kind === 'embedded') return EMBEDDED_PROFILE_ID
  if (target.profileId && /^[A-Za-z0-9-]{1,100}$/.test(target.profileId)) return target.profileId
  const where = `${target.user}@${target.host}:${target.port}/${target.database}`
  return `adhoc-${createHash('sha256').update(where).digest('hex').slice(0, 24)}`
}

async function readIfThere(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

async function writeJsonLines(file: string, entries: HistoryEntry[]): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, entries.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 })
  await rename(temp, file)
}
