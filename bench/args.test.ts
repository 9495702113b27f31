import { describe, expect, it } from 'vitest'
import { parseArgs, type ArgSpec } from './args'

interface Options {
  rows: number
  runs: number
  url: string | null
  skip: Set<'postgres' | 'embedded'>
}

const defaults = (): Options => ({ rows: 10, runs: 5, url: null, skip: new Set() })
const spec: ArgSpec<Options, 'postgres' | 'embedded'> = {
  usage: 'USAGE TEXT',
  numbers: { '--rows': 'rows', '--runs': 'runs' },
  presets: { '--quick': { rows: 1, runs: 3 } },
  strings: { '--url': 'url' },
  skippable: ['postgres', 'embedded'],
}
const parse = (...args: string[]) => parseArgs(args, defaults(), spec)

describe('bench options', () => {
  it('keeps the defaults when nothing is given, without sharing their skip set', () => {
    const given = defaults()
    const o = parseArgs(['--skip', 'embedded'], given, spec)
    expect(given.skip.size).toBe(0)
    expect(o.skip).toEqual(new Set(['embedded']))
    expect(parse()).toEqual(defaults())
  })

  it('reads numbers (rounded down), presets, strings and repeated skips in order', () => {
    expect(
      parse('--quick', '--rows', '2.9', '--url', 'postgres://u@h/d', '--skip', 'postgres'),
    ).toEqual({ rows: 2, runs: 3, url: 'postgres://u@h/d', skip: new Set(['postgres']) })
    expect(parse('--rows', '7', '--quick').rows).toBe(1)
    expect(parse('--skip', 'postgres', '--skip', 'embedded').skip.size).toBe(2)
  })

  it('takes --name=value and digits grouped with _', () => {
    expect(parse('--rows=1_000_000', '--url=postgres://u@h/d?sslmode=disable')).toMatchObject({
      rows: 1_000_000,
      url: 'postgres://u@h/d?sslmode=disable',
    })
  })

  it('refuses what it cannot read, with the usage', () => {
    for (const [args, message] of [
      [['--rows', '0'], '--rows needs a positive number'],
      [['--rows', 'many'], '--rows needs a positive number'],
      [['--runs'], '--runs needs a positive number'],
      [['--url'], '--url needs a value'],
      [['--skip', 'render'], '--skip takes postgres, embedded'],
      [['--huge'], 'Unknown option --huge'],
      [['rows'], 'Unknown option rows'],
    ] as const) {
      expect(() => parse(...args), args.join(' ')).toThrow(`${message}\nUSAGE TEXT`)
    }
  })

  it('has no --skip where the suite skips nothing', () => {
    const plain = { usage: 'U', numbers: { '--rows': 'rows' } } as const
    expect(() => parseArgs(['--skip', 'x'], { rows: 1 }, plain)).toThrow('Unknown option --skip')
  })
})
