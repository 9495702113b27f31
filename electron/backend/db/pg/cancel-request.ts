import type { Duplex } from 'node:stream'
import pg from 'pg'

/** How long a cancel request may take to be delivered before its socket is dropped. */
const CANCEL_TIMEOUT_MS = 5_000

/** The parts of node-postgres' Connection a cancel request uses (its typings omit them). */
interface CancelConnection {
  readonly stream: Duplex
  connect(port: number, host: string): void
  cancel(processID: number, secretKey: number): void
  on(event: 'connect', listener: () => void): void
  on(event: 'error', listener: (error: Error) => void): void
}

/** A pooled session's identity on the server, from its BackendKeyData. */
export function backendKeyOf(client: pg.ClientBase): { pid: number; secretKey: number } | null {
  const { processID, secretKey } = client as unknown as { processID?: number; secretKey?: number }
  return processID && secretKey !== undefined ? { pid: processID, secretKey } : null
}

/**
 * node-postgres' cancel request: PostgreSQL's CancelRequest message on a new
 * connection of its own, as libpq's PQcancel sends it (what pg_cancel_backend
 * does, without logging in). It needs no pooled session, so it gets through
 * while every one of them is busy. Resolves when sent (or given up); the
 * server never answers a cancel request.
 */
export function sendCancelRequest(
  server: { host: string; port: number },
  key: { pid: number; secretKey: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const connection = new pg.Connection() as unknown as CancelConnection
    const timer = setTimeout(() => {
      connection.stream.destroy()
      reject(
        new Error(
          `no connection to ${server.host}:${server.port} within ${CANCEL_TIMEOUT_MS / 1000} s`,
        ),
      )
    }, CANCEL_TIMEOUT_MS)
    connection.on('connect', () => {
      connection.cancel(key.pid, key.secretKey)
      connection.stream.end()
      clearTimeout(timer)
      resolve()
    })
    connection.on('error', (error) => {
      clearTimeout(timer)
      connection.stream.destroy()
      reject(error)
    })
    connection.connect(server.port, server.host)
  })
}
