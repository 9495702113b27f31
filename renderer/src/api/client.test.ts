import { describe, expect, it } from 'vitest'
import type { CallResult, ExplorerClient } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'

/**
 * The renderer's call() over a stand-in for window.explorer (what the preload
 * exposes): it records what was sent and lets the test answer.
 */
const sent: { calls: [string, unknown, string][]; cancels: string[] } = { calls: [], cancels: [] }
const answers = new Map<string, (result: CallResult<unknown>) => void>()
const fake: ExplorerClient = {
  host: 'electron',
  call: (name, request, requestId) => {
    sent.calls.push([name, request, requestId])
    return new Promise((resolve) => answers.set(requestId, resolve as never))
  },
  cancel: (requestId) => sent.cancels.push(requestId),
  on: () => () => {},
}
Object.assign(globalThis, { window: { explorer: fake } })
const { call, isCancelled } = await import('./client')

const lastId = () => sent.calls.at(-1)![2]

describe('call()', () => {
  it('resolves with the value, under a fresh request id per call', async () => {
    const reply = call('sensors/list', {})
    const id = lastId()
    expect(id).toMatch(/^[\w.-]{1,64}$/)
    answers.get(id)!({ ok: true, value: [] })
    expect(await reply).toEqual([])
    void call('sensors/list', {})
    expect(lastId()).not.toBe(id)
  })

  it('throws the backend’s error as an AppError, and shows nothing itself', async () => {
    const reply = call('schema/setup', {})
    answers.get(lastId())!({
      ok: false,
      error: { name: 'AppError', code: 'permission_denied', message: 'no' },
    })
    const error = await reply.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'permission_denied', message: 'no' })
  })

  it('aborting sends a cancel for its id and rejects at once as cancelled; the late reply is ignored', async () => {
    const controller = new AbortController()
    const reply = call('series/extent', {}, { signal: controller.signal })
    const id = lastId()
    controller.abort()
    expect(sent.cancels).toEqual([id])
    const error = await reply.catch((e: unknown) => e)
    expect(isCancelled(error)).toBe(true)
    answers.get(id)!({ ok: true, value: 'too late' })
    await expect(reply).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('an already aborted signal sends nothing', async () => {
    const before = sent.calls.length
    const controller = new AbortController()
    controller.abort()
    await expect(call('series/extent', {}, { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    })
    expect(sent.calls.length).toBe(before)
  })

  it('an abort after the reply changes nothing: no cancel is sent', async () => {
    const controller = new AbortController()
    const reply = call('series/extent', {}, { signal: controller.signal })
    answers.get(lastId())!({ ok: true, value: 1 })
    expect(await reply).toBe(1)
    const cancels = sent.cancels.length
    controller.abort()
    expect(sent.cancels.length).toBe(cancels)
  })
})
