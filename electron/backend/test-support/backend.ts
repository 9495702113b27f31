import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type {
  CallName,
  CallReply,
  CallRequest,
  EventMap,
  EventName,
} from '../../../shared/contract'
import type { ServerParamsInput } from '../../../shared/domain/connection'
import { AppError } from '../../../shared/errors'
import { createBackendWithContext, type Backend, type BackendOptions } from '../backend'
import type { Driver, Queryable } from '../db/driver'
import type { HandlerContext } from '../handlers/types'
import { createLogger } from '../log'
import { Redactor } from '../redactor'
import type { Session } from '../session'
import type { TestServerInfo } from './postgres-server'

export const ENGINE_WORKER_PATH = fileURLToPath(
  new URL('../db/embedded/engine-worker.mjs', import.meta.url),
)

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${prefix}-`))
}

/** Connection parameters for the shared test server, with overrides. */
export function serverParams(
  pg: TestServerInfo,
  overrides: Partial<ServerParamsInput> = {},
): ServerParamsInput {
  return {
    host: pg.host,
    port: pg.port,
    database: pg.database,
    user: pg.user,
    password: pg.password,
    sslmode: 'disable',
    ...overrides,
  }
}

export interface RecordedEvent {
  name: EventName
  payload: EventMap[EventName]
}

export interface TestBackend {
  backend: Backend
  /** What the handlers share (e.g. to call one with a signal of the test's own). */
  ctx: HandlerContext
  /** The backend's one connection, to run SQL on the same session the handlers use. */
  session: Session
  dataDir: string
  /** Every log line the backend wrote. */
  logs: string[]
  /** Every event the backend pushed. */
  events: RecordedEvent[]
  /** SQL on the backend's current connection, for assertions about what the database holds. */
  sql: Queryable
  /** The current connection's driver itself (e.g. to run a COPY under a job of the test's own). */
  driver(): Driver
  /**
   * Calls through dispatch, as a host would; unwraps the envelope or throws
   * AppError. Aborting `signal` cancels the call, as a cancel message does.
   */
  call<N extends CallName>(
    name: N,
    request: CallRequest<N>,
    options?: { signal?: AbortSignal },
  ): Promise<CallReply<N>>
  close(): Promise<void>
}

export async function createTestBackend(
  options: Partial<BackendOptions> & { keepDataDir?: boolean } = {},
): Promise<TestBackend> {
  const dataDir = options.embeddedDataDir ?? join(await makeTempDir('tsdb-embedded'), 'data')
  const logs: string[] = []
  const events: RecordedEvent[] = []
  const redactor = options.redactor ?? new Redactor()
  const { backend, ctx } = createBackendWithContext({
    host: 'web',
    version: 'test',
    engineWorkerPath: ENGINE_WORKER_PATH,
    log: createLogger({ redactor, write: (line) => logs.push(line), level: 'debug' }),
    redactor,
    ...options,
    embeddedDataDir: dataDir,
  })
  backend.subscribe((name, payload) => events.push({ name, payload }))
  return {
    backend,
    ctx,
    session: ctx.session,
    dataDir,
    logs,
    events,
    sql: { query: (sql, params, o) => ctx.session.require().query(sql, params, o) },
    driver: () => ctx.session.require(),
    call: async (name, request, callOptions) => {
      const result = await backend.dispatch(name, request, callOptions?.signal)
      if (result.ok) return result.value as CallReply<typeof name>
      throw AppError.fromData(result.error)
    },
    close: async () => {
      await backend.close()
      if (!options.keepDataDir && !options.embeddedDataDir) {
        await rm(join(dataDir, '..'), { recursive: true, force: true })
      }
    },
  }
}

/** Awaits a promise expected to reject with an AppError. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
  return error
}
