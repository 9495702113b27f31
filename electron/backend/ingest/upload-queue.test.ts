import { describe, expect, it } from 'vitest'
import { UploadQueue } from './upload-queue'

const bytes = (n: number) => new Uint8Array([n])

async function readAll(queue: UploadQueue) {
  const out: number[] = []
  for await (const piece of queue) out.push(piece[0]!)
  return out
}

describe('UploadQueue', () => {
  it('hands pieces to the reader in order and ends after the last one', async () => {
    const queue = new UploadQueue(2)
    const reading = readAll(queue)
    await queue.push(bytes(1), false)
    await queue.push(bytes(2), false)
    await queue.push(bytes(3), true)
    expect(await reading).toEqual([1, 2, 3])
  })

  it('holds the writer back while too many pieces wait (backpressure)', async () => {
    const queue = new UploadQueue(1)
    await queue.push(bytes(1), false)
    let accepted = false
    const second = queue.push(bytes(2), false).then(() => (accepted = true))
    await new Promise((r) => setTimeout(r, 10))
    expect(accepted).toBe(false)
    const iterator = queue[Symbol.asyncIterator]()
    expect((await iterator.next()).value?.[0]).toBe(1)
    await second
    expect(accepted).toBe(true)
  })

  it('fails the reader and any waiting writer when failed, and refuses later pieces', async () => {
    const queue = new UploadQueue(0)
    const reading = readAll(queue)
    const waiting = queue.push(bytes(1), false)
    queue.fail(new Error('cancelled by user'))
    await expect(reading).rejects.toThrow('cancelled by user')
    await expect(waiting).rejects.toThrow('cancelled by user')
    await expect(queue.push(bytes(2), false)).rejects.toThrow('cancelled by user')
  })

  it('abandons an upload that stops arriving', async () => {
    const queue = new UploadQueue(4, 20)
    await queue.push(bytes(1), false)
    await expect(readAll(queue)).rejects.toMatchObject({ code: 'cancelled' })
  })
})
