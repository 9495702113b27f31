import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobDone } from '../../../shared/domain/jobs'
import { MAX_ERROR_MESSAGE_CHARS, type AppErrorData } from '../../../shared/errors'
import type { TestBackend } from '../test-support/backend'
import { CSV_HEADER } from '../test-support/csv-stream'
import { connectEngine, ENGINES, hasTimescale } from '../test-support/engines'
import { jobDone } from '../test-support/jobs'
import { createQuickStartTables } from '../test-support/quick-start'

const MB = 1024 * 1024
/** "A few KB": what may cross to the renderer for one error, whatever the server said. */
const FEW_KB = MAX_ERROR_MESSAGE_CHARS + 200
const encoder = new TextEncoder()

/** Every string in an error as it crosses to the renderer: its message and each detail. */
function texts(error: AppErrorData): string[] {
  return [
    error.message,
    ...Object.values(error.detail ?? {}).filter((v): v is string => typeof v === 'string'),
  ]
}

/**
 * A server (or a file) that puts megabytes into an error: the reply, the job's
 * outcome and every detail are cut to a few KB, saying that they were cut.
 * Read as the hosts send them (dispatch's envelope and the pushed event), not
 * as the renderer's client would rebuild them.
 */
describe.each(ENGINES)('server text is bounded (%s)', (engine) => {
  let t: TestBackend
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ t, close } = await connectEngine(engine, 'longtext'))
    await createQuickStartTables(t.sql, { hypertable: hasTimescale(engine) })
    await t.sql.query("INSERT INTO sensors (type, location) VALUES ('a', 'floor')")
  })

  afterAll(async () => {
    await close?.()
  })

  it('an error of 20 MB with a 2 MB detail and a 2 MB hint, raised by a trigger', async () => {
    await t.sql.query(`
      CREATE FUNCTION refuse_sensor() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING
          MESSAGE = 'refused: ' || repeat('<m>', ${Math.floor((20 * MB) / 3)}),
          DETAIL = 'why: ' || repeat('<d>', ${Math.floor((2 * MB) / 3)}),
          HINT = 'do: ' || repeat('<h>', ${Math.floor((2 * MB) / 3)});
      END $$`)
    await t.sql.query(
      'CREATE TRIGGER refuse BEFORE INSERT ON sensors FOR EACH ROW EXECUTE FUNCTION refuse_sensor()',
    )
    try {
      const reply = await t.backend.dispatch('sensors/add', { type: 'b', location: 'wall' })
      expect(reply.ok).toBe(false)
      if (reply.ok) return
      for (const text of texts(reply.error)) expect(text.length).toBeLessThan(FEW_KB)
      const { message } = reply.error
      // Each part keeps its beginning, and says it was cut and how long it was.
      expect(message).toMatch(/^refused: <m><m>/)
      expect(message).toContain(' — why: <d><d>')
      expect(message).toContain(' — Hint: do: <h><h>')
      expect(message).toMatch(/… \[cut: 20,971,\d{3} characters in all\]/)
    } finally {
      await t.sql.query('DROP TRIGGER refuse ON sensors')
      await t.sql.query('DROP FUNCTION refuse_sensor()')
    }
  })

  it('an import whose bad value is nearly 1 MiB long: the job outcome names the line, cut to a few KB', async () => {
    const value = 'x'.repeat(MB - 100)
    const text = `${CSV_HEADER}2026-01-01T00:00:00Z,1,20,0.5\n${value},1,20,0.5\n`
    const bytes = encoder.encode(text)
    const { jobId } = await t.call('import/start', {
      fileName: 'long.csv',
      totalBytes: bytes.byteLength,
      columns: ['time', 'sensor_id', 'temperature', 'cpu'],
    })
    await t.call('import/chunk', { jobId, bytes, last: true })
    const done = await jobDone(t, jobId)
    expect(done.outcome).toBe('failed')
    const { error } = done as Extract<JobDone, { error: unknown }>
    expect(error).toMatchObject({ code: 'bad_data', detail: { line: 3 } })
    for (const part of texts(error)) expect(part.length).toBeLessThan(FEW_KB)
    expect(error.message).toMatch(/^Line 3: .*xxxx… \[cut: [\d,]+ characters in all\]/)
    expect(error.message).toMatch(/Nothing was imported\.$/)
  })
})
