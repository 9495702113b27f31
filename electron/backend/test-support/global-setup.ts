import type { TestProject } from 'vitest/node'
import { startTestPostgres, type TestServer, type TestServerInfo } from './postgres-server'

declare module 'vitest' {
  export interface ProvidedContext {
    pg: TestServerInfo
  }
}

let server: TestServer | null = null

/** One real PostgreSQL (scram + TLS) for the whole integration run. */
export async function setup(project: TestProject): Promise<void> {
  server = await startTestPostgres({ tls: true })
  const { pause: _p, resume: _r, destroy: _d, ...info } = server
  project.provide('pg', info)
}

export async function teardown(): Promise<void> {
  await server?.destroy()
}
