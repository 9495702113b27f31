import {
  EMBEDDED_LABEL,
  EMBEDDED_PROFILE_ID,
  type ConnectionState,
  type ServerInfo,
  type ServerParams,
  type TargetSummary,
} from '../../shared/domain/connection'
import { AppError } from '../../shared/errors'
import type { Driver } from './db/driver'
import { openEmbeddedDriver } from './db/embedded/embedded-driver'
import { openPgDriver } from './db/pg/pg-driver'
import type { Emit } from './events'
import type { Logger } from './log'
import type { Redactor } from './redactor'
import { Mutex } from './mutex'

export interface SessionOptions {
  embeddedDataDir: string
  engineWorkerPath: string
  /** The embedded engine's ready-made initial data folder, when the build made one. */
  embeddedTemplateDir?: string
  /** TimescaleDB's files trimmed for the embedded engine's start, when the build made them. */
  embeddedExtensionDir?: string
  statementTimeoutMs?: number
  emit: Emit
  log: Logger
  redactor: Redactor
  /** Called before the current driver is closed, so jobs using it can wind down. */
  beforeDisconnect?: () => Promise<void>
}

const disconnected: ConnectionState = { status: 'disconnected', target: null, server: null }

/** A target with everything needed to connect (URLs parsed, profiles and passwords looked up). */
export type ResolvedTarget =
  | { kind: 'embedded' }
  | { kind: 'server'; params: ServerParams; label?: string; profileId?: string }

/** The one current connection of this backend, and the transitions between connections. */
export class Session {
  private driver: Driver | null = null
  /** What the current driver was opened with, kept in memory to reconnect. */
  private target: ResolvedTarget | null = null
  /** The embedded engine opened ahead of the first connection/open (prewarmEmbedded). */
  private warm: Promise<Driver | null> | null = null
  private state: ConnectionState = disconnected
  private readonly transitions = new Mutex()

  constructor(private readonly options: SessionOptions) {}

  get current(): ConnectionState {
    return this.state
  }

  /** The driver to run work on, or a clear error when there is none. */
  require(): Driver {
    if (!this.driver || this.state.status !== 'connected') {
      throw new AppError(
        'not_connected',
        'Not connected to a database. Connect to one on the Connections page.',
      )
    }
    return this.driver
  }

  private publish(state: ConnectionState): ConnectionState {
    this.state = state
    this.options.emit('connection/changed', state)
    return state
  }

  open(target: ResolvedTarget): Promise<ConnectionState> {
    return this.transitions.run(async () => {
      const summary = this.summarize(target)
      if (
        target.kind === 'embedded' &&
        this.state.status === 'connected' &&
        this.state.target?.kind === 'embedded'
      ) {
        return this.state
      }
      const previous = { driver: this.driver, state: this.state }
      this.publish({ status: 'connecting', target: summary, server: null })
      // The embedded engine's folder can be open only once: let go of it before reopening.
      if (target.kind === 'embedded' && previous.driver?.engine === 'embedded') {
        await this.disconnectCurrent()
        previous.driver = null
      }
      let driver: Driver
      try {
        driver = await this.connect(target)
      } catch (error) {
        // A failed attempt leaves the previous connection as it was.
        this.publish(previous.driver ? previous.state : disconnected)
        throw error
      }
      if (previous.driver) await this.disconnectCurrent()
      this.driver = driver
      this.target = target
      try {
        const server = await driver.info()
        this.options.log.info('connected', { target: summary.label, engine: driver.engine })
        return this.publish({ status: 'connected', target: summary, server })
      } catch (error) {
        await this.disconnectCurrent()
        this.publish(disconnected)
        throw error
      }
    })
  }

  /**
   * Starts the embedded engine now, while the window loads, so that the
   * window's first connection/open finds it started: its seconds of start-up
   * (WebAssembly compile, the folder, TimescaleDB) overlap the page's. A
   * failure here is only logged: that open starts it again and reports why.
   */
  prewarmEmbedded(): void {
    if (this.warm || this.driver) return
    const opened = this.openEmbedded().then(async (driver) => {
      // The first statement after a start pays for the engine's caches: pay it here too.
      await driver.info().catch(() => {})
      return driver
    })
    this.warm = opened.catch((error: unknown) => {
      this.options.log.warn('starting the embedded engine early failed', {
        reason: error instanceof Error ? error.message : String(error),
      })
      return null
    })
  }

  /** The engine prewarmEmbedded started, once; null when there is none. */
  private async takeWarm(): Promise<Driver | null> {
    const warm = this.warm
    this.warm = null
    return warm ? await warm : null
  }

  close(): Promise<ConnectionState> {
    return this.transitions.run(async () => {
      await (await this.takeWarm())?.close()
      await this.disconnectCurrent()
      return this.publish(disconnected)
    })
  }

  /**
   * Opens the current target again in fresh sessions. TimescaleDB needs this
   * after it was dropped: CREATE EXTENSION must be a session's first command.
   */
  reconnect(): Promise<ConnectionState> {
    return this.transitions.run(async () => {
      this.require()
      const target = this.target
      if (!target) throw new AppError('not_connected', 'Not connected to a database.')
      await this.disconnectCurrent()
      return this.connectFresh(target)
    })
  }

  /** Reads the server again (e.g. after enabling TimescaleDB) and tells every window. */
  refreshInfo(): Promise<ServerInfo> {
    return this.transitions.run(async () => {
      const server = await this.require().info()
      this.publish({ ...this.state, server })
      return server
    })
  }

  /**
   * Connects to the target on the side, reads what the server is and how TLS
   * was negotiated, and disconnects; the current connection is not touched.
   */
  async probe(target: ResolvedTarget): Promise<ServerInfo> {
    const infoOnce = async () => {
      const driver = await this.connect(target)
      try {
        return await driver.info()
      } finally {
        await driver.close().catch(() => {})
      }
    }
    if (target.kind === 'server') return infoOnce()
    // The embedded folder opens once per process: use the open engine when there is one.
    return this.transitions.run(async () =>
      this.driver?.engine === 'embedded' ? this.driver.info() : infoOnce(),
    )
  }

  /**
   * Closes the embedded engine if it is open, runs `wipe` (which deletes its
   * folder), and opens it again if it was the current connection.
   */
  resetEmbedded(wipe: () => Promise<void>): Promise<ConnectionState> {
    return this.transitions.run(async () => {
      await (await this.takeWarm())?.close()
      const wasOpen = this.driver?.engine === 'embedded'
      if (wasOpen) {
        await this.disconnectCurrent()
        this.publish(disconnected)
      }
      try {
        await wipe()
      } catch (error) {
        // Nothing was deleted (e.g. another process holds the folder): carry on as before.
        if (wasOpen) await this.connectFresh({ kind: 'embedded' }).catch(() => {})
        throw error
      }
      return wasOpen ? this.connectFresh({ kind: 'embedded' }) : this.state
    })
  }

  /** Connects with nothing open, announcing connecting then connected (or disconnected). */
  private async connectFresh(target: ResolvedTarget): Promise<ConnectionState> {
    const summary = this.summarize(target)
    this.publish({ status: 'connecting', target: summary, server: null })
    try {
      this.driver = await this.connect(target)
      this.target = target
      return this.publish({
        status: 'connected',
        target: summary,
        server: await this.driver.info(),
      })
    } catch (error) {
      await this.disconnectCurrent()
      this.publish(disconnected)
      throw error
    }
  }

  private async disconnectCurrent(): Promise<void> {
    const driver = this.driver
    if (!driver) return
    await this.options.beforeDisconnect?.()
    this.driver = null
    this.target = null
    await driver.close().catch((error: unknown) =>
      this.options.log.warn('closing the connection failed', {
        reason: error instanceof Error ? error.message : String(error),
      }),
    )
  }

  private openEmbedded(): Promise<Driver> {
    return openEmbeddedDriver({
      dataDir: this.options.embeddedDataDir,
      workerPath: this.options.engineWorkerPath,
      log: this.options.log,
      ...(this.options.embeddedTemplateDir
        ? { templateDir: this.options.embeddedTemplateDir }
        : {}),
      ...(this.options.embeddedExtensionDir
        ? { extensionDir: this.options.embeddedExtensionDir }
        : {}),
    })
  }

  private async connect(target: ResolvedTarget): Promise<Driver> {
    if (target.kind === 'embedded') return (await this.takeWarm()) ?? this.openEmbedded()
    this.options.redactor.add(target.params.password)
    return openPgDriver({
      params: target.params,
      log: this.options.log,
      ...(this.options.statementTimeoutMs !== undefined
        ? { statementTimeoutMs: this.options.statementTimeoutMs }
        : {}),
    })
  }

  private summarize(target: ResolvedTarget): TargetSummary {
    if (target.kind === 'embedded') {
      return {
        kind: 'embedded',
        label: EMBEDDED_LABEL,
        profileId: EMBEDDED_PROFILE_ID,
        dataDir: this.options.embeddedDataDir,
      }
    }
    const summary = serverSummary(target.params, target.label)
    if (target.profileId) summary.profileId = target.profileId
    return summary
  }
}

export function serverSummary(params: ServerParams, label?: string): TargetSummary {
  return {
    kind: 'server',
    label: label || `${params.user}@${params.host}:${params.port}/${params.database}`,
    host: params.host,
    port: params.port,
    database: params.database,
    user: params.user,
    sslmode: params.sslmode,
  }
}
