/**
 * The explore fixtures on a fresh database of an engine, for the test files
 * that read them (the catalog's and the chart builder's). Kept apart from
 * explore-fixtures.ts, which the e2e specs also import and which must not
 * reach vitest's inject().
 */
import type { TestBackend } from './backend'
import { connectEngine, hasTimescale, type EngineName } from './engines'
import { createExploreFixtures } from './explore-fixtures'

export interface ExploreEngine {
  t: TestBackend
  /** The tables are hypertables and buckets are time_bucket (else date_bin). */
  timescale: boolean
  /** Closes the backend and drops its database. */
  close(): Promise<void>
}

/** A test backend on a fresh database of `engine` holding the explore fixtures. */
export async function connectExploreEngine(
  engine: EngineName,
  prefix: string,
): Promise<ExploreEngine> {
  const { t, close } = await connectEngine(engine, prefix)
  try {
    const { timescale } = await createExploreFixtures(t.sql, hasTimescale(engine))
    return { t, timescale, close }
  } catch (error) {
    await close()
    throw error
  }
}
