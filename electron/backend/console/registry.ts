import type { ConsoleClosedEvent } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import type { Driver } from '../db/driver'
import { EmbeddedDriver } from '../db/embedded/embedded-driver'
import { PgDriver } from '../db/pg/pg-driver'
import type { Emit } from '../events'
import type { Logger } from '../log'
import type { Session } from '../session'
import { EmbeddedConsoleIO } from './embedded-io'
import { PgConsoleIO } from './pg-io'
import { ConsoleSession } from './session'

export const DEFAULT_MAX_CONSOLE_SESSIONS = 4
export const DEFAULT_CONSOLE_IDLE_MS = 10 * 60_000

export interface ConsoleRegistryOptions {
  session: Session
  emit: Emit
  log: Logger
  /** Console tabs that may hold a session at once (each a server connection on PostgreSQL). */
  maxSessions?: number
  /** A tab's session is closed after this long without a call (its transaction rolled back). */
  idleMs?: number
}

interface Entry {
  owner: string
  consoleId: string
  driver: Driver
  session: ConsoleSession
}

/**
 * The console tabs' sessions. A tab that runs something gets a session of
 * its own — on PostgreSQL a dedicated connection outside the app's pool,
 * since it may keep a cursor or a transaction open between calls — released
 * when the tab closes, its window goes away, the app's connection changes, or
 * after `idleMs` without a call. At most `maxSessions` at once: a new one
 * takes the place of the least recently used tab that holds no transaction
 * and runs nothing, or is refused.
 */
export class ConsoleRegistry {
  private readonly entries = new Map<string, Entry>()
  private readonly opening = new Map<string, Promise<Entry>>()
  private readonly sweeper: NodeJS.Timeout
  private readonly maxSessions: number
  private readonly idleMs: number

  constructor(private readonly options: ConsoleRegistryOptions) {
    this.maxSessions = options.maxSessions ?? DEFAULT_MAX_CONSOLE_SESSIONS
    this.idleMs = options.idleMs ?? DEFAULT_CONSOLE_IDLE_MS
    this.sweeper = setInterval(() => void this.sweep(), Math.min(30_000, this.idleMs / 2))
    this.sweeper.unref()
  }

  get size(): number {
    return this.entries.size
  }

  /** The tab's session, opening one on the current connection if it has none. */
  async session(owner: string, consoleId: string): Promise<ConsoleSession> {
    const driver = this.options.session.require()
    const key = keyOf(owner, consoleId)
    const existing = this.entries.get(key)
    if (existing && existing.driver === driver && existing.session.io.alive) {
      existing.session.lastUsed = Date.now()
      return existing.session
    }
    if (existing) await this.drop(existing, null)
    let pending = this.opening.get(key)
    if (!pending) {
      pending = this.openEntry(owner, consoleId, driver).finally(() => this.opening.delete(key))
      this.opening.set(key, pending)
    }
    return (await pending).session
  }

  /** The tab's session if it has one on the current connection (reads never open one). */
  existing(owner: string, consoleId: string): ConsoleSession | null {
    const entry = this.entries.get(keyOf(owner, consoleId))
    if (!entry || !entry.session.io.alive || entry.driver !== this.currentDriver()) return null
    entry.session.lastUsed = Date.now()
    return entry.session
  }

  private currentDriver(): Driver | null {
    try {
      return this.options.session.require()
    } catch {
      return null
    }
  }

  private async openEntry(owner: string, consoleId: string, driver: Driver): Promise<Entry> {
    await this.makeRoom()
    let io
    if (driver instanceof PgDriver) io = await PgConsoleIO.open(driver, this.options.log)
    else if (driver instanceof EmbeddedDriver) io = new EmbeddedConsoleIO(driver)
    else throw new AppError('internal', 'The console does not know this kind of connection.')
    const entry: Entry = { owner, consoleId, driver, session: new ConsoleSession(io) }
    this.entries.set(keyOf(owner, consoleId), entry)
    return entry
  }

  private async makeRoom(): Promise<void> {
    if (this.entries.size + this.opening.size < this.maxSessions) return
    const idle = [...this.entries.values()]
      .filter((e) => !e.session.holdsWork)
      // Tabs without an open result first, then the least recently used.
      .sort(
        (a, b) =>
          Number(a.session.hasResult) - Number(b.session.hasResult) ||
          a.session.lastUsed - b.session.lastUsed,
      )
    const victim = idle[0]
    if (!victim) {
      throw new AppError(
        'engine_busy',
        `${this.maxSessions} console tabs already hold a connection with work in progress (a running statement or an open transaction). Commit or roll back in one of them, or close a tab.`,
      )
    }
    await this.drop(victim, 'evicted')
  }

  private async drop(entry: Entry, reason: ConsoleClosedEvent['reason'] | null): Promise<void> {
    const key = keyOf(entry.owner, entry.consoleId)
    if (this.entries.get(key) === entry) this.entries.delete(key)
    const io = entry.session.io
    const { rolledBack } = await entry.session.close(async () => {
      if (io instanceof PgConsoleIO) await io.cancel()
    })
    if (reason) {
      this.options.emit('console/closed', { consoleId: entry.consoleId, reason, rolledBack })
    }
  }

  /** The tab was closed: its session goes, an open transaction is rolled back. */
  async close(owner: string, consoleId: string): Promise<{ rolledBack: boolean }> {
    const entry = this.entries.get(keyOf(owner, consoleId))
    if (!entry) return { rolledBack: false }
    const rolledBack = entry.session.txState !== 'none'
    await this.drop(entry, null)
    return { rolledBack }
  }

  /** A window or socket went away: every tab it had goes too. */
  async closeOwner(owner: string): Promise<void> {
    // A session still opening for one of its calls lands in entries first.
    const opening = [...this.opening].filter(([key]) => key.startsWith(keyOf(owner, '')))
    await Promise.allSettled(opening.map(([, pending]) => pending))
    const mine = [...this.entries.values()].filter((e) => e.owner === owner)
    await Promise.allSettled(mine.map((e) => this.drop(e, null)))
  }

  /** The app's connection is closing or changing: every tab's session goes with it. */
  async closeAll(reason: ConsoleClosedEvent['reason'] = 'connection_closed'): Promise<void> {
    const all = [...this.entries.values()]
    await Promise.allSettled(all.map((e) => this.drop(e, reason)))
  }

  private async sweep(): Promise<void> {
    const now = Date.now()
    const stale = [...this.entries.values()].filter(
      (e) => e.session.busy === 0 && now - e.session.lastUsed >= this.idleMs,
    )
    for (const entry of stale) {
      this.options.log.info('closing an idle console session', { tx: entry.session.txState })
      await this.drop(entry, 'idle').catch(() => {})
    }
  }

  dispose(): void {
    clearInterval(this.sweeper)
  }
}

function keyOf(owner: string, consoleId: string): string {
  return `${owner}\u0000${consoleId}`
}
