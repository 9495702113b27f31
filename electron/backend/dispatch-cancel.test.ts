import { describe, expect, it } from 'vitest'
import type { CallResult } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { ClientCalls } from './client-calls'
import { dispatch } from './dispatch'
import { handlers } from './handlers'
import type { CallContext, HandlerContext, HandlerMap } from './handlers/types'
import { silentLogger } from './log'
import { Redactor } from './redactor'

/**
 * The cancel path: a host gives each call a request id; a cancel for that id
 * (or the client going away) aborts the signal dispatch hands the handler.
 * 'series/extent' stands in for any handler: it records what it saw and
 * waits until the test lets it finish, or until its signal aborts.
 */
function harness() {
  const seen: { started: number; signals: AbortSignal[]; clients: string[]; released: string[] } = {
    started: 0,
    signals: [],
    clients: [],
    released: [],
  }
  const finishers: (() => void)[] = []
  const waiting: HandlerMap['series/extent'] = (_request, ctx: CallContext) => {
    seen.started++
    seen.signals.push(ctx.signal)
    seen.clients.push(ctx.client)
    return new Promise((resolve, reject) => {
      finishers.push(() => resolve({ tables: true, first: 1, last: 2, rowEstimate: 3 }))
      // What a driver does on abort: the statement stops, the call fails with its own error.
      ctx.signal.addEventListener('abort', () =>
        reject(new AppError('connection_lost', 'the statement was stopped')),
      )
    })
  }
  const map: HandlerMap = { ...handlers, 'series/extent': waiting }
  const ctx = { log: silentLogger, redactor: new Redactor() } as unknown as HandlerContext
  const client = () =>
    new ClientCalls(
      (n, p, signal, id) => dispatch(map, ctx, n, p, signal, id),
      (id) => seen.released.push(id),
    )
  const finish = () => finishers.splice(0).forEach((done) => done())
  const started = async (n: number) => {
    for (let i = 0; i < 100 && seen.started < n; i++) await Promise.resolve()
    expect(seen.started).toBe(n)
  }
  return { seen, client, finish, started, map, ctx }
}

const cancelled = (result: CallResult<unknown>) =>
  expect(result).toEqual({
    ok: false,
    error: { name: 'AppError', code: 'cancelled', message: 'Cancelled.' },
  })

describe('cancelling a call', () => {
  it('before it starts: an aborted signal never reaches the handler', async () => {
    const h = harness()
    const controller = new AbortController()
    controller.abort()
    cancelled(await dispatch(h.map, h.ctx, 'series/extent', {}, controller.signal))
    expect(h.seen.started).toBe(0)
  })

  it('before it arrives: a cancel for an id the client has not sent yet stops that call', async () => {
    const h = harness()
    const client = h.client()
    expect(client.cancel('r1')).toBe(false)
    cancelled(await client.call('r1', 'series/extent', {}))
    expect(h.seen.started).toBe(0)
  })

  it('while it runs: the handler’s signal aborts and the reply is cancelled, not its error', async () => {
    const h = harness()
    const client = h.client()
    const reply = client.call('r1', 'series/extent', {})
    await h.started(1)
    expect(h.seen.signals[0]?.aborted).toBe(false)
    expect(client.cancel('r1')).toBe(true)
    expect(h.seen.signals[0]?.aborted).toBe(true)
    cancelled(await reply)
    expect(client.running).toBe(0)
  })

  it('after it finished: the cancel finds nothing, and the reply stands', async () => {
    const h = harness()
    const client = h.client()
    const reply = client.call('r1', 'series/extent', {})
    await h.started(1)
    h.finish()
    expect(await reply).toMatchObject({ ok: true, value: { tables: true } })
    expect(client.cancel('r1')).toBe(false)
    expect(h.seen.signals[0]?.aborted).toBe(false)
  })

  it('with an unknown id: nothing running is touched', async () => {
    const h = harness()
    const client = h.client()
    const reply = client.call('r1', 'series/extent', {})
    await h.started(1)
    expect(client.cancel('nope')).toBe(false)
    expect(client.cancel('')).toBe(false)
    expect(h.seen.signals[0]?.aborted).toBe(false)
    h.finish()
    expect(await reply).toMatchObject({ ok: true })
  })

  it('refuses a second call under an id still running, leaving the first alone', async () => {
    const h = harness()
    const client = h.client()
    const first = client.call('r1', 'series/extent', {})
    await h.started(1)
    expect(await client.call('r1', 'series/extent', {})).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    })
    h.finish()
    expect(await first).toMatchObject({ ok: true })
  })

  it('when the client goes away: every call it started is cancelled, and later ones never run', async () => {
    const h = harness()
    const client = h.client()
    const replies = [client.call('r1', 'series/extent', {}), client.call('r2', 'series/extent', {})]
    await h.started(2)
    client.close()
    for (const reply of replies) cancelled(await reply)
    cancelled(await client.call('r3', 'series/extent', {}))
    expect(h.seen.started).toBe(2)
    // What it held beyond its calls (its console tabs) is released once, under its own id.
    client.close()
    expect(h.seen.released).toEqual([client.id])
  })

  it('tells the handler which client called (ctx.client): one id per window, never shared', async () => {
    const h = harness()
    const [one, two] = [h.client(), h.client()]
    void one.call('r1', 'series/extent', {})
    void one.call('r2', 'series/extent', {})
    void two.call('r1', 'series/extent', {})
    await h.started(3)
    expect(h.seen.clients).toEqual([one.id, one.id, two.id])
    expect(one.id).not.toBe(two.id)
    h.finish()
  })

  it('per client: the same id in two windows, one cancelled, the other answered', async () => {
    const h = harness()
    const [one, two] = [h.client(), h.client()]
    const first = one.call('r1', 'series/extent', {})
    const second = two.call('r1', 'series/extent', {})
    await h.started(2)
    one.cancel('r1')
    cancelled(await first)
    h.finish()
    expect(await second).toMatchObject({ ok: true, value: { tables: true } })
  })

  it('checks the call before anything else: a bad request is refused even if cancelled', async () => {
    const h = harness()
    const controller = new AbortController()
    controller.abort()
    expect(
      await dispatch(h.map, h.ctx, 'series/extent', { x: 1 }, controller.signal),
    ).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })
})
