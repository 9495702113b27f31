import { describe, expect, it } from 'vitest'
import { MAX_PLAN_NODES } from '../../../shared/domain/explain'
import { planTree, type KnownChunk } from './plan-tree'

const ht = { schema: 'public', name: 'sensor_data' }
const known: KnownChunk[] = ['_hyper_1_1_chunk', '_hyper_1_2_chunk', '_hyper_1_3_chunk'].map(
  (name, i) => ({ hypertable: ht, name, compressed: i === 0 }),
)

/** A ChunkAppend over a compressed chunk, a plain one that never ran, and the third left out. */
const plan = {
  'Node Type': 'Custom Scan',
  'Custom Plan Provider': 'ChunkAppend',
  'Relation Name': 'sensor_data',
  'Actual Rows': 10,
  'Actual Loops': 1,
  'Actual Total Time': 1.5,
  'Chunks excluded during startup': 1,
  'Chunks excluded during runtime': 0,
  'Startup Exclusion': true,
  Plans: [
    {
      'Node Type': 'Custom Scan',
      'Custom Plan Provider': 'ColumnarScan',
      'Relation Name': '_hyper_1_1_chunk',
      'Actual Loops': 1,
      'Vectorized Filter': '("time" > now())',
      'Rows Removed by Filter': 3,
      Plans: [
        { 'Node Type': 'Seq Scan', 'Relation Name': 'compress_hyper_2_9_chunk', 'Actual Loops': 1 },
      ],
    },
    {
      'Node Type': 'Index Scan',
      'Relation Name': '_hyper_1_2_chunk',
      'Index Name': '_hyper_1_2_chunk_time_idx',
      'Index Cond': '(time > $1)',
      'Actual Loops': 0,
      'Shared Hit Blocks': 4,
    },
  ],
}

describe('planTree', () => {
  it('marks scanned, never-executed and excluded chunks', () => {
    const tree = planTree(plan, known)
    expect(tree.root.type).toBe('Custom Scan (ChunkAppend)')
    expect(tree.root.chunk).toBeNull()
    expect(tree.root.excludedAtStartup).toBe(1)
    expect(tree.root.details).toContain('Startup Exclusion: true')
    const [columnar, index] = tree.root.children
    expect(columnar?.chunk).toEqual({
      hypertable: 'sensor_data',
      chunk: '_hyper_1_1_chunk',
      compressed: true,
      state: 'scanned',
    })
    expect(columnar?.details).toEqual([
      'Vectorized Filter: ("time" > now())',
      'Rows Removed by Filter: 3',
    ])
    // The scan of the compressed data belongs to the chunk it decompresses.
    expect(columnar?.children[0]?.chunk).toMatchObject({
      chunk: '_hyper_1_1_chunk',
      compressed: true,
    })
    expect(index).toMatchObject({
      index: '_hyper_1_2_chunk_time_idx',
      sharedHit: 4,
      chunk: { chunk: '_hyper_1_2_chunk', compressed: false, state: 'not_executed' },
    })
    expect(tree.hypertables).toEqual([
      {
        ...ht,
        totalChunks: 3,
        scanned: ['_hyper_1_1_chunk'],
        excluded: ['_hyper_1_2_chunk', '_hyper_1_3_chunk'],
      },
    ])
    expect(tree.truncated).toBe(false)
  })

  it('cuts a huge plan at the node limit and cuts long server text', () => {
    const children = Array.from({ length: MAX_PLAN_NODES + 50 }, () => ({
      'Node Type': 'Seq Scan',
      Filter: 'x'.repeat(10_000),
    }))
    const tree = planTree({ 'Node Type': 'Append', Plans: children }, [])
    expect(tree.truncated).toBe(true)
    expect(tree.root.children).toHaveLength(MAX_PLAN_NODES - 1)
    expect(tree.root.children[0]?.details[0]?.length).toBe(500)
  })

  it('reads what it does not know as nothing rather than failing', () => {
    const tree = planTree({ 'Node Type': 42, 'Actual Rows': 'many', Plans: 'no' }, known)
    expect(tree.root).toMatchObject({ type: 'Unknown', actualRows: null, children: [] })
    expect(tree.hypertables[0]?.scanned).toEqual([])
  })
})
