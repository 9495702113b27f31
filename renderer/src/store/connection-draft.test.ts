import { describe, expect, it } from 'vitest'
import type { CallResult, ExplorerClient } from '../../../shared/contract'
import { draftTarget, emptyDraft, urlOf } from './connection-draft'

/** The connection-draft slice over a stand-in for window.explorer that records every call. */
const sent: { name: string; request: unknown }[] = []
const fake: ExplorerClient = {
  host: 'web',
  // The server refuses every login: the form must ask for the password.
  call: (name, request) => {
    sent.push({ name, request })
    const refused: CallResult<never> = {
      ok: false,
      error: { name: 'AppError', code: 'auth_failed', message: 'password authentication failed' },
    }
    return Promise.resolve(refused)
  },
  cancel: () => {},
  on: () => () => {},
}
Object.assign(globalThis, { window: { explorer: fake } })
const { createAppStore } = await import('.')

describe('the connection draft', () => {
  it('fills the fields from a pasted URL and hands its password back, keeping neither in the store', () => {
    const store = createAppStore()
    const typed = 'postgresql://alice:s3cret@db.example:5433/metrics?sslmode=require'
    const password = store.getState().editDraftUrl(typed)
    expect(password).toBe('s3cret')
    expect(store.getState().draft).toMatchObject({
      host: 'db.example',
      port: '5433',
      database: 'metrics',
      user: 'alice',
      sslmode: 'require',
      dirty: true,
    })
    expect(store.getState().draftUrl).toMatchObject({ editedLast: true, problem: null })
    expect(JSON.stringify(store.getState())).not.toContain('s3cret')
    expect(JSON.stringify(store.getState())).not.toContain(typed)
  })

  it('rewrites the URL from the fields, and says what is wrong with a bad URL', () => {
    const store = createAppStore()
    store.getState().editDraft({ host: 'pg.internal' })
    expect(store.getState().draftUrl).toMatchObject({
      text: 'postgresql://postgres@pg.internal:5432/postgres?sslmode=prefer',
      editedLast: false,
    })
    store.getState().editDraftUrl('postgresql://[::1')
    expect(store.getState().draftUrl.problem).toBeTruthy()
    expect(store.getState().draft.host).toBe('pg.internal')
  })

  it('connects with the password given to the action, and asks for it when the server refuses', async () => {
    const store = createAppStore()
    store.getState().editDraft({ host: 'h', database: 'd', user: 'u' })
    await store.getState().connectDraft({ password: 'typed' })
    expect(sent.at(-1)).toEqual({
      name: 'connection/open',
      request: {
        target: {
          kind: 'server',
          params: {
            host: 'h',
            port: 5432,
            database: 'd',
            user: 'u',
            sslmode: 'prefer',
            connectTimeoutSeconds: 10,
            password: 'typed',
          },
        },
      },
    })
    expect(store.getState().draftMessage).toEqual({
      kind: 'error',
      text: 'password authentication failed',
      askPassword: true,
    })
    expect(JSON.stringify(store.getState())).not.toContain('typed')
  })

  it('targets a saved profile until it is edited, then the URL if typed last, else the fields', () => {
    const saved = { ...emptyDraft, profileId: 'p1', profileName: 'Cloud' }
    expect(draftTarget(saved, urlOf(saved), {})).toEqual({
      target: { kind: 'profile', profileId: 'p1' },
      label: 'Cloud',
    })
    const edited = { ...saved, dirty: true }
    const typed = { ...urlOf(edited), editedLast: true }
    expect(
      draftTarget(edited, typed, { password: 'pw', typedUrl: 'postgres://x@y/z' }),
    ).toMatchObject({
      target: { kind: 'url', url: 'postgres://x@y/z', password: 'pw' },
    })
    expect(draftTarget(edited, typed, {})).toMatchObject({ target: { kind: 'server' } })
    expect(draftTarget({ ...edited, host: ' ' }, urlOf(edited), {})).toBe(
      'Fill in Host (or paste a connection URL).',
    )
  })
})
