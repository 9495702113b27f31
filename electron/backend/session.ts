import {
  EMBEDDED_LABEL,
  type ConnectionState,
  type ConnectionTarget,
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
  statementTimeoutMs?: number
  emit: Emit
  log: Logger
  redactor: Redactor
  /** Called before the current driver is closed, so jobs using it can wind down. */
  beforeDisconnect?: () => Promise<void>
}

const disconnected: ConnectionState = { status: 'disconnected', target: null, server: null }

/** The one current connection of this backend, and the transitions between connections. */
export class Session {
  private driver: Driver | null = null
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

  open(target: ConnectionTarget): Promise<ConnectionState> {
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

  close(): Promise<ConnectionState> {
    return this.transitions.run(async () => {
      await this.disconnectCurrent()
      return this.publish(disconnected)
    })
  }

  private async disconnectCurrent(): Promise<void> {
    const driver = this.driver
    if (!driver) return
    await this.options.beforeDisconnect?.()
    this.driver = null
    await driver.close().catch((error: unknown) =>
      this.options.log.warn('closing the connection failed', {
        reason: error instanceof Error ? error.message : String(error),
      }),
    )
  }

  private connect(target: ConnectionTarget): Promise<Driver> {
    if (target.kind === 'embedded') {
      return openEmbeddedDriver({
        dataDir: this.options.embeddedDataDir,
        workerPath: this.options.engineWorkerPath,
        log: this.options.log,
      })
    }
    this.options.redactor.add(target.params.password)
    return openPgDriver({
      params: target.params,
      log: this.options.log,
      ...(this.options.statementTimeoutMs !== undefined
        ? { statementTimeoutMs: this.options.statementTimeoutMs }
        : {}),
    })
  }

  private summarize(target: ConnectionTarget): TargetSummary {
    if (target.kind === 'embedded') {
      return { kind: 'embedded', label: EMBEDDED_LABEL, dataDir: this.options.embeddedDataDir }
    }
    return serverSummary(target.params)
  }
}

export function serverSummary(params: ServerParams, label?: string): TargetSummary {
  return {
    kind: 'server',
    label: label ?? `${params.user}@${params.host}:${params.port}/${params.database}`,
    host: params.host,
    port: params.port,
    database: params.database,
    user: params.user,
    sslmode: params.sslmode,
  }
}
