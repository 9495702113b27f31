import type { CallName, CallReply, ParsedRequest } from '../../../shared/contract'
import type { AppInfo } from '../../../shared/domain/app'
import type { DownloadRegistry } from '../export/downloads'
import type { ConsoleStore } from '../console/history'
import type { ConsoleRegistry } from '../console/registry'
import type { Driver } from '../db/driver'
import type { Emit } from '../events'
import type { UploadQueue } from '../ingest/upload-queue'
import type { JobRegistry } from '../jobs'
import type { Logger } from '../log'
import type { ProfileStore } from '../profiles'
import type { Redactor } from '../redactor'
import type { SavedChartStore } from '../saved-charts'
import type { Session } from '../session'

export interface ImportSettings {
  /** Where an upload is kept until all of it has arrived (the OS temp folder by default). */
  spoolDir: string
  /** An upload with no new piece for this long is abandoned. */
  idleMs: number
}

/** What every handler may use. Handlers never see the host (Electron or web). */
export interface HandlerContext {
  session: Session
  jobs: JobRegistry
  emit: Emit
  log: Logger
  redactor: Redactor
  app: AppInfo
  /** CSV uploads in progress, by import job id. */
  uploads: Map<string, UploadQueue>
  imports: ImportSettings
  /** Saved connection profiles. */
  profiles: ProfileStore
  /** The SQL console's tab sessions. */
  consoles: ConsoleRegistry
  /** The SQL console's history, snippets and tabs, per profile. */
  consoleStore: ConsoleStore
  /** Exports waiting for the web host's browser to fetch them. */
  downloads: DownloadRegistry
  /** Electron: asks (in main) where to save an export; absent in the web host. */
  chooseExportFile?: ((suggestedName: string) => Promise<string | null>) | undefined
  /** Saved charts, per profile. */
  charts: SavedChartStore
}

/**
 * What one call's handler gets: the shared context plus this call's signal.
 * The signal aborts when the caller cancels the call (its request id) or goes
 * away (window closed, socket dropped); work that outlives the call is a job.
 */
export interface CallContext extends HandlerContext {
  signal: AbortSignal
  /**
   * The client that made the call (one Electron window, one web-host tab;
   * LOCAL_CLIENT for tests and the bench): its console tabs are its own, and
   * end when it goes away.
   */
  client: string
  /** The current connection with `signal` applied to every statement (throws not_connected). */
  db(): Driver
}

export type Handler<N extends CallName> = (
  request: ParsedRequest<N>,
  ctx: CallContext,
) => Promise<CallReply<N>>

export type HandlerMap = { [N in CallName]: Handler<N> }
