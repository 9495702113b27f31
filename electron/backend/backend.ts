import { tmpdir } from 'node:os'
import { dirname } from 'node:path'
import { DownloadRegistry, type PendingDownload } from './export/downloads'
import { ConsoleStore } from './console/history'
import { ConsoleRegistry } from './console/registry'
import type { CallResult } from '../../shared/contract'
import type { HostKind } from '../../shared/domain/app'
import { ClientCalls } from './client-calls'
import { dispatch, toAppError } from './dispatch'
import { EventHub, type EventListener } from './events'
import { handlers } from './handlers'
import type { HandlerContext } from './handlers/types'
import { DEFAULT_UPLOAD_IDLE_MS } from './ingest/upload-queue'
import { JobRegistry } from './jobs'
import { createLogger, type Logger } from './log'
import { ProfileStore } from './profiles'
import { Redactor } from './redactor'
import { SavedChartStore } from './saved-charts'
import { MemorySecretStore, type SecretStore } from './secrets'
import { Session } from './session'

export interface BackendOptions {
  host: HostKind
  version: string
  /** Folder of the embedded TimescaleDB (Electron: user data; web host: --data-dir). */
  embeddedDataDir: string
  /** Path of engine-worker (.mjs source or bundled .js). */
  engineWorkerPath: string
  /** A ready-made initial data folder for the embedded engine (out/embedded-template). */
  embeddedTemplateDir?: string
  /** TimescaleDB's files trimmed for the embedded engine (out/embedded-extension). */
  embeddedExtensionDir?: string
  /**
   * Folder for profiles.json and charts.json. Defaults to the folder that holds the embedded
   * data folder (the user-data folder), so tests never write to the real home.
   */
  configDir?: string
  /** Where saved passwords go: safeStorage in Electron; memory (the default) in the web host. */
  secretStore?: SecretStore
  statementTimeoutMs?: number
  /** Where CSV uploads are kept until complete (default: the OS temp folder). */
  importSpoolDir?: string
  /** An upload with no new piece for this long is abandoned (default 60 s). */
  uploadIdleMs?: number
  /** Electron: the main process's save dialog, for console exports. */
  chooseExportFile?: (suggestedName: string) => Promise<string | null>
  /** Console tabs with a session at once, and their idle timeout (tests shorten them). */
  console?: { maxSessions?: number; idleMs?: number }
  redactor?: Redactor
  log?: Logger
  /**
   * Start the embedded engine at once, before any window asks for it (the
   * hosts do: the app connects to it at start-up, so its start overlaps the
   * window's loading). Off for tests that never use it.
   */
  startEmbeddedEarly?: boolean
}

export interface Backend {
  /** One call; `signal` cancels it (see dispatch). Hosts use openClient() instead. */
  dispatch(name: unknown, payload: unknown, signal?: AbortSignal): Promise<CallResult<unknown>>
  /**
   * The calls of one window or tab, by request id: a host opens one per
   * client, cancels by id, and closes it when the client goes away.
   */
  openClient(): ClientCalls
  subscribe(listener: EventListener): () => void
  readonly redactor: Redactor
  readonly log: Logger
  /** A console export offered to the web host's browser, once. */
  takeDownload(id: string): PendingDownload | null
  /** Cancels jobs, closes the connection (the embedded engine flushes to disk). */
  close(): Promise<void>
}

/** The handler map and everything it needs, with no knowledge of which host carries it. */
export function createBackend(options: BackendOptions): Backend {
  return createBackendWithContext(options).backend
}

/**
 * The backend and the context its handlers share. Only tests use the context
 * directly (e.g. to check what the database holds); hosts get the Backend.
 */
export function createBackendWithContext(options: BackendOptions): {
  backend: Backend
  ctx: HandlerContext
} {
  const redactor = options.redactor ?? new Redactor()
  const log = options.log ?? createLogger({ redactor })
  const hub = new EventHub()
  const jobs = new JobRegistry({
    emit: hub.emit,
    log,
    toAppError: (error) => toAppError(error, { log, redactor }),
  })
  let consoles: ConsoleRegistry | null = null
  const session = new Session({
    embeddedDataDir: options.embeddedDataDir,
    engineWorkerPath: options.engineWorkerPath,
    ...(options.embeddedTemplateDir ? { embeddedTemplateDir: options.embeddedTemplateDir } : {}),
    ...(options.embeddedExtensionDir ? { embeddedExtensionDir: options.embeddedExtensionDir } : {}),
    emit: hub.emit,
    log,
    redactor,
    beforeDisconnect: async () => {
      await jobs.cancelAll()
      await consoles?.closeAll()
    },
    ...(options.statementTimeoutMs !== undefined
      ? { statementTimeoutMs: options.statementTimeoutMs }
      : {}),
  })
  consoles = new ConsoleRegistry({ session, emit: hub.emit, log, ...options.console })
  if (options.startEmbeddedEarly) session.prewarmEmbedded()
  const configDir = options.configDir ?? dirname(options.embeddedDataDir)
  const downloads = new DownloadRegistry()
  const profiles = new ProfileStore({
    configDir,
    secrets: options.secretStore ?? new MemorySecretStore(),
    embeddedDataDir: options.embeddedDataDir,
    log,
  })
  const ctx: HandlerContext = {
    session,
    jobs,
    emit: hub.emit,
    log,
    redactor,
    app: {
      host: options.host,
      version: options.version,
      embeddedDataDir: options.embeddedDataDir,
    },
    uploads: new Map(),
    imports: {
      spoolDir: options.importSpoolDir ?? tmpdir(),
      idleMs: options.uploadIdleMs ?? DEFAULT_UPLOAD_IDLE_MS,
    },
    profiles,
    consoles,
    consoleStore: new ConsoleStore(configDir, log),
    downloads,
    chooseExportFile: options.chooseExportFile,
    charts: new SavedChartStore({ configDir, log }),
  }
  let closing: Promise<void> | null = null
  const backend: Backend = {
    dispatch: (name, payload, signal) => dispatch(handlers, ctx, name, payload, signal),
    // A window or tab that goes away (the host closes its calls) releases its console tabs.
    openClient: () =>
      new ClientCalls(
        (name, payload, signal, client) => dispatch(handlers, ctx, name, payload, signal, client),
        (client) => void ctx.consoles.closeOwner(client),
      ),
    subscribe: (listener) => hub.subscribe(listener),
    redactor,
    log,
    takeDownload: (id) => downloads.take(id),
    close: () => {
      closing ??= (async () => {
        await jobs.cancelAll()
        await ctx.consoles.closeAll()
        ctx.consoles.dispose()
        await session.close()
      })()
      return closing
    },
  }
  return { backend, ctx }
}
