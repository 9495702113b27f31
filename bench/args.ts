/**
 * The command-line options of every bench suite, read one way: `--name N`
 * (or `--name=N`; `_` may group digits) for a positive whole number, flags
 * that set several options at once (`--quick`), `--name value` for a string,
 * and a repeatable `--skip` over a fixed list. Any mistake throws with the
 * suite's usage text, so a long run never starts on a misread option.
 */

/** The keys of O whose values are of type T. */
type KeysOf<O, T> = { [K in keyof O]-?: O[K] extends T ? K : never }[keyof O]

export interface ArgSpec<O, S extends string> {
  /** Shown with every error. */
  usage: string
  /** `--flag N` → a positive number, rounded down, into that option. */
  numbers?: Record<string, KeysOf<O, number>>
  /** `--flag` → these options at once (e.g. a smaller `--quick` run). */
  presets?: Record<string, Partial<O>>
  /** `--flag value` → that string option. */
  strings?: Record<string, KeysOf<O, string | null>>
  /** What `--skip` may name (repeatable), gathered into the option `skip`. */
  skippable?: readonly S[]
}

/** `args` read as `spec` says, over a copy of `defaults`. */
export function parseArgs<O extends object, S extends string = never>(
  args: readonly string[],
  defaults: O,
  spec: ArgSpec<O, S>,
): O {
  const o: O = { ...defaults }
  // Where the suite skips anything, its options hold a set of the names --skip gave.
  const skip = 'skip' in o && o.skip instanceof Set ? new Set<S>(o.skip as Set<S>) : undefined
  if (skip) Object.assign(o, { skip })
  const fail = (message: string) => new Error(`${message}\n${spec.usage}`)
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    const [flag = '', inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg]
    const value = () => inline ?? args[++i]
    const preset = spec.presets?.[flag]
    const numberKey = spec.numbers?.[flag]
    const stringKey = spec.strings?.[flag]
    if (preset) Object.assign(o, preset)
    else if (numberKey !== undefined) {
      const n = Number((value() ?? '').replaceAll('_', ''))
      if (!Number.isFinite(n) || n < 1) throw fail(`${flag} needs a positive number`)
      o[numberKey] = Math.floor(n) as O[typeof numberKey]
    } else if (stringKey !== undefined) {
      const text = value()
      if (!text) throw fail(`${flag} needs a value`)
      o[stringKey] = text as O[typeof stringKey]
    } else if (flag === '--skip' && spec.skippable && skip) {
      const named = value()
      const what = spec.skippable.find((name) => name === named)
      if (!what) throw fail(`--skip takes ${spec.skippable.join(', ')}`)
      skip.add(what)
    } else throw fail(`Unknown option ${arg}`)
  }
  return o
}
