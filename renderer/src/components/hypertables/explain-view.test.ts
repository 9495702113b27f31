import { describe, expect, it } from 'vitest'
import type { PlanNode } from '../../../../shared/domain/explain'
import {
  chunkBadge,
  exclusionNote,
  hypertableSummary,
  nodeFigures,
  nodeHeadline,
} from './explain-view'

const node = (over: Partial<PlanNode>): PlanNode => ({
  type: 'Seq Scan',
  relation: null,
  index: null,
  details: [],
  planRows: null,
  totalCost: null,
  actualRows: null,
  loops: null,
  actualMs: null,
  sharedHit: null,
  sharedRead: null,
  chunk: null,
  excludedAtStartup: null,
  excludedAtRuntime: null,
  children: [],
  ...over,
})

describe('explain view text', () => {
  it('names the node, its relation and index', () => {
    expect(
      nodeHeadline(node({ type: 'Index Scan', relation: '_hyper_1_2_chunk', index: 'i' })),
    ).toBe('Index Scan on _hyper_1_2_chunk using i')
  })

  it('gives rows against the plan, loops, time and buffers, or says it never ran', () => {
    expect(
      nodeFigures(
        node({
          actualRows: 1234,
          planRows: 1000,
          loops: 2,
          actualMs: 3.456,
          sharedHit: 52,
          sharedRead: 1,
        }),
      ),
    ).toBe('1,234 rows (planned 1,000) · × 2 loops · 3.46 ms · buffers: 52 hit, 1 read')
    expect(nodeFigures(node({ loops: 0, actualRows: 0 }))).toBe('never executed')
  })

  it('marks chunks and exclusions', () => {
    const chunk = {
      hypertable: 'sensor_data',
      chunk: 'c',
      compressed: true,
      state: 'scanned' as const,
    }
    expect(chunkBadge(node({ chunk }))).toBe('chunk scanned, compressed')
    expect(
      chunkBadge(node({ chunk: { ...chunk, compressed: false, state: 'not_executed' } })),
    ).toBe('chunk skipped at run time')
    expect(chunkBadge(node({}))).toBeNull()
    expect(exclusionNote(node({ excludedAtStartup: 3, excludedAtRuntime: 0 }))).toBe(
      'Chunks 3 excluded at start-up',
    )
    expect(exclusionNote(node({}))).toBeNull()
    expect(
      hypertableSummary({
        schema: 'public',
        name: 'sensor_data',
        totalChunks: 8,
        scanned: ['a', 'b'],
        excluded: ['c'],
      }),
    ).toBe('sensor_data: 2 of 8 chunks scanned, 1 excluded')
  })
})
