import { chartBench } from './chart'
import { e2eBench } from './e2e/suite'
import { exploreBench } from './explore/suite'
import { ingestBench } from './ingest/suite'

/** Every benchmark suite by name; each receives the remaining command-line arguments. */
export const suites: Record<string, (args: string[]) => Promise<void>> = {
  chart: chartBench,
  e2e: e2eBench,
  explore: exploreBench,
  ingest: ingestBench,
}
