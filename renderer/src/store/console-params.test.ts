import { describe, expect, it } from 'vitest'
import { paramsFor, scriptSlots, toParamValue, type ParamDraft } from './console-params'

const text = (value: string): ParamDraft => ({ type: 'text', text: value })

const QUICK_START = `INSERT INTO sensors (type, location) VALUES (%s, %s);
SELECT time_bucket('5 minutes', time) AS five_min, avg(cpu)
FROM sensor_data JOIN sensors ON sensors.id = sensor_data.sensor_id
WHERE sensors.location = %s AND sensors.type = %s
GROUP BY five_min ORDER BY five_min DESC;`

describe('the parameter form', () => {
  it("numbers the whole text's %s in order, and lists $n and %(name)s once each", () => {
    expect(scriptSlots(QUICK_START)).toEqual({
      slots: ['%s #1', '%s #2', '%s #3', '%s #4'],
      problem: null,
    })
    expect(scriptSlots('SELECT $2, $1; SELECT $1').slots).toEqual(['$1', '$2'])
    expect(scriptSlots('SELECT %(a)s, %(b)s, %(a)s').slots).toEqual(['%(a)s', '%(b)s'])
    expect(scriptSlots("SELECT '%s', 100 -- %s\n").slots).toEqual([])
  })

  it('says what is wrong with a statement that mixes styles', () => {
    const got = scriptSlots('SELECT 1; SELECT %s, $1')
    expect(got.problem).toMatch(/mixes \$1 and %s|mixes %s and \$1/)
  })

  it("sends the statement at the cursor its own %s #1, #2 from the form's #3, #4", () => {
    const second = QUICK_START.indexOf('SELECT')
    const sql = QUICK_START.slice(second)
    const drafts = {
      '%s #1': text('a'),
      '%s #2': text('floor'),
      '%s #3': text('ceiling'),
      '%s #4': text('b'),
    }
    expect(paramsFor(QUICK_START, { sql, offset: second }, drafts)).toEqual({
      '%s #1': { type: 'text', value: 'ceiling' },
      '%s #2': { type: 'text', value: 'b' },
    })
    expect(paramsFor(QUICK_START, { sql: QUICK_START, offset: 0 }, drafts)).toEqual({
      '%s #1': { type: 'text', value: 'a' },
      '%s #2': { type: 'text', value: 'floor' },
      '%s #3': { type: 'text', value: 'ceiling' },
      '%s #4': { type: 'text', value: 'b' },
    })
  })

  it('leaves out what the form has no value for, so the backend names it', () => {
    expect(
      paramsFor('SELECT $1, $2', { sql: 'SELECT $1, $2', offset: 0 }, { $2: text('x') }),
    ).toEqual({
      $2: { type: 'text', value: 'x' },
    })
  })

  it('sends a timestamp as an instant, a number and NULL as typed', () => {
    const local = toParamValue({ type: 'timestamp', text: '2024-01-02T03:04:05' })
    expect(local).toEqual({
      type: 'timestamp',
      value: new Date(2024, 0, 2, 3, 4, 5).toISOString(),
    })
    expect(toParamValue({ type: 'number', text: '1.5' })).toEqual({ type: 'number', value: '1.5' })
    expect(toParamValue({ type: 'null', text: 'ignored' })).toEqual({ type: 'null' })
  })
})
