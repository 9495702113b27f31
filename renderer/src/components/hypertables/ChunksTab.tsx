import { useStore } from '../../store'
import { ChunkTable } from './ChunkTable'
import { ChunkTimeline } from './ChunkTimeline'

/** Every chunk on a time axis, then each one's range, size, rows and compression. */
export function ChunksTab() {
  const list = useStore((s) => s.htReads.chunks.value)
  if (!list) return null
  return (
    <>
      <ChunkTimeline chunks={list.chunks} />
      {list.chunks.length > 0 && <ChunkTable chunks={list.chunks} total={list.total} />}
    </>
  )
}
