import type { SqlParam } from '../../../shared/domain/chart'

/**
 * Collects a statement's parameters in order and hands back their
 * placeholders: values always travel as parameters, never as SQL text.
 */
export class Params {
  readonly values: SqlParam[] = []

  /** `$n::cast`: the parameter's type is said outright. */
  add(value: SqlParam, cast: string): string {
    return `${this.ref(value)}::${cast}`
  }

  /**
   * `$n` with no cast, so the server infers the type from where it stands:
   * `col = ANY($n)` takes the column's own type, whatever it is (an enum, uuid...).
   */
  ref(value: SqlParam): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}
