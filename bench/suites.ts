import { chartBench } from './chart'
import { hypertablesBench } from './hypertables/suite'
import { consoleBench } from './console/suite'
import { exploreBench } from './explore/suite'
import { ingestBench } from './ingest/suite'
import { rollupsBench } from './rollups/suite'

/** Every benchmark suite by name; each receives the remaining command-line arguments. */
export const suites: Record<string, (args: string[]) => Promise<void>> = {
  chart: chartBench,
  hypertables: hypertablesBench,
  console: consoleBench,
  explore: exploreBench,
  ingest: ingestBench,
  rollups: rollupsBench,
}
