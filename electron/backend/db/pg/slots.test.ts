import { describe, expect, it } from 'vitest'
import { Slots } from './slots'

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('Slots', () => {
  it('hands out at most size at once, then in arrival order, telling each how many are ahead', async () => {
    const slots = new Slots(2)
    const a = await slots.acquire()
    const b = await slots.acquire()
    const told: Record<string, number[]> = { c: [], d: [] }
    const order: string[] = []
    const c = slots.acquire({ onWait: (n) => told.c!.push(n) }).then((r) => (order.push('c'), r))
    const d = slots.acquire({ onWait: (n) => told.d!.push(n) }).then((r) => (order.push('d'), r))
    await tick()
    expect(told).toEqual({ c: [2], d: [3] })
    expect(slots.inUse).toBe(2)
    a()
    a() // a second release is ignored
    const releaseC = await c
    expect(told.d).toEqual([3, 2])
    b()
    const releaseD = await d
    expect(order).toEqual(['c', 'd'])
    releaseC()
    releaseD()
    expect(slots.inUse).toBe(0)
  })

  it('lets a waiter give up by signal or timeout, and moves the others up', async () => {
    const slots = new Slots(1)
    const held = await slots.acquire()
    const controller = new AbortController()
    const aborted = slots.acquire({ signal: controller.signal })
    const timedOut = slots.acquire({ timeoutMs: 20, timedOut: () => new Error('busy') })
    const told: number[] = []
    const last = slots.acquire({ onWait: (n) => told.push(n) })
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ code: 'cancelled' })
    await expect(timedOut).rejects.toThrow('busy')
    expect(told).toEqual([3, 2, 1])
    held()
    ;(await last)()
    expect(slots.inUse).toBe(0)
  })
})
