import { describe, expect, it } from 'vitest'
import type { CallResult, ExplorerClient } from '../../../shared/contract'
import type { ConnectionState } from '../../../shared/domain/connection'
import type {
  ConsoleClosedEvent,
  ConsoleRunReply,
  ConsoleTabs,
  StatementOutcome,
} from '../../../shared/domain/console'

/**
 * The console slices run the SQL page's work: they read the tabs, run what
 * the editor gives them with the form's values as parameters, cancel by
 * request id, and read a result's pages as the grid asks. A stand-in for
 * window.explorer records every call and cancel and lets each test answer.
 */
interface Sent {
  name: string
  request: Record<string, unknown>
  id: string
}
const sent: Sent[] = []
const cancels: string[] = []
const answers = new Map<string, (result: CallResult<unknown>) => void>()
const listeners = new Map<string, (payload: unknown) => void>()
const fake: ExplorerClient = {
  host: 'web',
  call: (name, request, id) => {
    sent.push({ name, request: request as Record<string, unknown>, id })
    return new Promise((resolve) => answers.set(id, resolve as never))
  },
  cancel: (id) => cancels.push(id),
  on: (event, listener) => {
    listeners.set(event, listener as (payload: unknown) => void)
    return () => {}
  },
}
Object.assign(globalThis, { window: { explorer: fake } })
const { createAppStore } = await import('.')

const connectedTo = (kind: 'embedded' | 'server'): ConnectionState => ({
  status: 'connected',
  target: { kind, label: kind === 'server' ? 'Staging' : 'Embedded TimescaleDB', profileId: 'p1' },
  server: null,
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const named = (name: string) => sent.filter((s) => s.name === name)
const lastOf = (name: string) => named(name).at(-1)!
/** Cancels of these calls (a run also makes the history be read again, superseding its last read). */
const cancelsOf = (name: string) => cancels.filter((id) => named(name).some((s) => s.id === id))
const answer = (call: Sent, value: unknown) => answers.get(call.id)!({ ok: true, value })
const fail = (call: Sent, message: string) =>
  answers.get(call.id)!({ ok: false, error: { name: 'AppError', code: 'internal', message } })

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => [String(from + i)])

function outcome(patch: Partial<StatementOutcome> = {}): StatementOutcome {
  return {
    start: 0,
    end: 8,
    command: 'SELECT',
    status: 'ok',
    columns: [{ name: 'n', typeOid: 23, typeName: 'integer' }],
    rows: rows(0, 500),
    rowCount: null,
    resultId: 'r1',
    scrollable: true,
    truncated: false,
    durationMs: 3,
    notices: [],
    error: null,
    ...patch,
  }
}

/** A store on the SQL page of a connection, its saved tabs read (`saved`, or none). */
async function sqlPage(kind: 'embedded' | 'server' = 'embedded', saved?: ConsoleTabs) {
  sent.length = 0
  cancels.length = 0
  const store = createAppStore()
  store.getState().watchConsole()
  store.setState({ connection: connectedTo(kind) })
  store.getState().setView('sql')
  answer(lastOf('console/tabs'), saved ?? { tabs: [], activeId: null })
  await settle()
  const id = store.getState().consoleActiveId!
  const tab = () => store.getState().consoleTabs.find((t) => t.id === id)!
  return { store, id, tab }
}

/** Runs the whole editor text and answers with `reply`'s statements. */
async function ran(page: Awaited<ReturnType<typeof sqlPage>>, statements: StatementOutcome[]) {
  const { store, id } = page
  void store.getState().runConsole(id, { sql: page.tab().sql, offset: 0 })
  const reply: ConsoleRunReply = { statements, tx: 'none', engine: 'postgres' }
  answer(lastOf('console/run'), reply)
  await settle()
}

describe('the console slices', () => {
  it('a server’s new tab is read-only, the embedded engine’s is not; tabs come back as saved', async () => {
    expect((await sqlPage('server')).tab().settings.readOnly).toBe(true)
    expect((await sqlPage('embedded')).tab().settings.readOnly).toBe(false)
    const saved: ConsoleTabs = {
      tabs: [
        {
          id: 'a',
          title: 'Query 1',
          sql: 'SELECT 1',
          settings: { readOnly: true, autoCommit: false, statementTimeoutMs: 5000 },
        },
        {
          id: 'b',
          title: 'Query 2',
          sql: 'SELECT 2',
          settings: { readOnly: false, autoCommit: true, statementTimeoutMs: 0 },
        },
      ],
      activeId: 'b',
    }
    const { store } = await sqlPage('server', saved)
    expect(store.getState().consoleActiveId).toBe('b')
    expect(store.getState().consoleTabs.map((t) => [t.id, t.sql])).toEqual([
      ['a', 'SELECT 1'],
      ['b', 'SELECT 2'],
    ])
  })

  it('edits are saved after a pause, the tabs as they stand', async () => {
    const { store, id } = await sqlPage()
    store.getState().editConsoleSql(id, 'SELECT 4')
    store.getState().editConsoleSql(id, 'SELECT 42')
    // (Stores of earlier tests save theirs too: only this one's count.)
    const saves = () =>
      named('console/tabs-save')
        .map((s) => s.request as unknown as ConsoleTabs)
        .filter((tabs) => tabs.activeId === id)
    expect(saves()).toHaveLength(0)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(saves()).toHaveLength(1)
    expect(saves()[0]!.tabs.map((t) => t.sql)).toEqual(['SELECT 42'])
  })

  it('runs the statement at the cursor with the form’s %s values as parameters', async () => {
    const { store, id, tab } = await sqlPage()
    const text = "SELECT 1;\nSELECT * FROM sensors WHERE location = %s AND type = %s AND x = '%s'"
    store.getState().editConsoleSql(id, text)
    store.getState().setConsoleParam(id, '%s #1', { type: 'text', text: 'floor' })
    store.getState().setConsoleParam(id, '%s #2', { type: 'text', text: 'a' })
    const offset = text.indexOf('SELECT *')
    void store.getState().runConsole(id, { sql: text.slice(offset), offset })
    const run = lastOf('console/run')
    expect(run.request).toMatchObject({
      consoleId: id,
      sql: text.slice(offset),
      params: { '%s #1': { type: 'text', value: 'floor' }, '%s #2': { type: 'text', value: 'a' } },
    })
    expect(tab().busy).toBe('run')
    const failed = outcome({
      status: 'error',
      columns: null,
      rows: [],
      resultId: null,
      error: {
        code: 'query',
        message: 'column "x" does not exist',
        sqlstate: '42703',
        position: 55,
      },
    })
    answer(run, { statements: [failed], tx: 'none', engine: 'postgres' })
    await settle()
    // The position is the server's, in the statement that ran: the editor marks it in its own text.
    expect(tab()).toMatchObject({ busy: null, errorAt: offset + 55, result: null })
  })

  it('Cancel cancels the run by its request id, then reads how the transaction ended up', async () => {
    const { store, id, tab } = await sqlPage('server')
    store.getState().editConsoleSql(id, 'SELECT pg_sleep(30)')
    void store.getState().runConsole(id, { sql: 'SELECT pg_sleep(30)', offset: 0 })
    const run = lastOf('console/run')
    store.getState().cancelConsole(id)
    expect(cancelsOf('console/run')).toEqual([run.id])
    expect(tab()).toMatchObject({ busy: null, message: 'Cancelled.' })
    answer(lastOf('console/state'), { tx: 'failed', resultId: null })
    await settle()
    expect(tab().tx).toBe('failed')
    // Nothing left to cancel: a second press sends nothing.
    store.getState().cancelConsole(id)
    expect(cancelsOf('console/run')).toEqual([run.id])
  })

  it('reads each page the grid needs once; a failed page is not read again in a loop', async () => {
    const page = await sqlPage()
    const { store, id, tab } = page
    store.getState().editConsoleSql(id, 'SELECT n FROM big')
    await ran(page, [outcome()])
    expect(tab().result?.pages.rowCount).toBe(1000)
    store.getState().showConsoleRows(id, 480, 540)
    store.getState().showConsoleRows(id, 490, 560)
    expect(named('console/fetch').map((f) => f.request.offset)).toEqual([500])
    answer(lastOf('console/fetch'), { rows: rows(500, 500), offset: 500, total: null })
    await settle()
    expect(tab().result?.pages.row(777)).toEqual(['777'])
    expect(tab().result?.version).toBe(1)

    store.getState().showConsoleRows(id, 1000, 1040)
    fail(lastOf('console/fetch'), 'the server went away')
    await settle()
    expect(tab().message).toBe('Could not read rows: the server went away')
    expect(tab().result?.version).toBe(1)
    expect(named('console/fetch')).toHaveLength(2)
    // Scrolling there again asks again.
    store.getState().showConsoleRows(id, 1000, 1040)
    expect(named('console/fetch')).toHaveLength(3)
  })

  it('a new run stops the page reads of the result it replaces', async () => {
    const page = await sqlPage()
    const { store, id, tab } = page
    store.getState().editConsoleSql(id, 'SELECT n FROM big')
    await ran(page, [outcome()])
    store.getState().showConsoleRows(id, 500, 520)
    const read = lastOf('console/fetch')
    void store.getState().runConsole(id, { sql: 'SELECT n FROM big', offset: 0 })
    expect(cancelsOf('console/fetch')).toEqual([read.id])
    expect(tab().result).toBeNull()
  })

  it('a session the backend closed keeps the rows on screen and reads no more', async () => {
    const page = await sqlPage()
    const { store, id, tab } = page
    store.getState().editConsoleSql(id, 'SELECT n FROM big')
    await ran(page, [outcome()])
    const closed: ConsoleClosedEvent = { consoleId: id, reason: 'idle', rolledBack: false }
    listeners.get('console/closed')!(closed)
    expect(tab().result?.resultId).toBeNull()
    expect(tab().result?.pages.row(3)).toEqual(['3'])
    expect(tab().note).toMatch(/closed after 10 minutes without use/)
    store.getState().showConsoleRows(id, 500, 520)
    expect(named('console/fetch')).toHaveLength(0)
  })
})
