import { describe, expect, it } from 'vitest'
import { Mutex } from './mutex'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('Mutex', () => {
  it('runs work strictly one at a time, in arrival order', async () => {
    const mutex = new Mutex()
    const log: string[] = []
    const job = (name: string) =>
      mutex.run(async () => {
        log.push(`${name}:start`)
        await tick()
        log.push(`${name}:end`)
      })
    await Promise.all([job('a'), job('b'), job('c')])
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end'])
  })

  it('lets a waiter give up without breaking the queue behind it', async () => {
    const mutex = new Mutex()
    const log: string[] = []
    const controller = new AbortController()
    const first = mutex.run(async () => {
      await tick()
      log.push('first')
    })
    const second = mutex.run(async () => void log.push('second'), controller.signal)
    const third = mutex.run(async () => void log.push('third'))
    controller.abort()
    await expect(second).rejects.toMatchObject({ code: 'cancelled' })
    await first
    await third
    expect(log).toEqual(['first', 'third'])
  })

  it('releases the lock when work throws', async () => {
    const mutex = new Mutex()
    await expect(mutex.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(mutex.run(async () => 42)).resolves.toBe(42)
  })
})
