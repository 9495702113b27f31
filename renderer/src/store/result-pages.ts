import type { Cell } from '../../../shared/domain/console'

/** Rows per page: the run's first page and each page the grid asks for (the same size, so pages line up). */
export const PAGE_ROWS = 500
/** Pages the renderer keeps; scrolling further away drops the least recently used. */
export const MAX_CACHED_PAGES = 40

/**
 * The rows of one open result that the renderer holds: a bounded set of
 * pages, fetched as the grid scrolls to them and dropped when far away, so
 * neither the renderer nor the backend ever holds a whole large result.
 */
export class ResultPages {
  private readonly pages = new Map<number, Cell[][]>()
  private readonly pending = new Set<number>()
  /** Aborts this result's page reads when it is replaced, closed or its tab goes. */
  private readonly reads = new AbortController()
  /** Rows known to exist: the end of the furthest page read. */
  private known: number
  total: number | null

  constructor(
    first: Cell[][],
    total: number | null,
    readonly pageRows = PAGE_ROWS,
    private readonly maxPages = MAX_CACHED_PAGES,
  ) {
    this.total = total
    this.known = first.length
    for (let page = 0; page * pageRows < first.length; page++) {
      this.pages.set(page, first.slice(page * pageRows, (page + 1) * pageRows))
    }
    if (first.length < pageRows && total === null) this.total = first.length
  }

  /** The signal every page read of this result is sent with. */
  get signal(): AbortSignal {
    return this.reads.signal
  }

  /** The result is gone (a new run, its cursor closed, its tab closed): stops its reads. */
  close(): void {
    this.reads.abort()
  }

  /** Rows the grid shows: all of them once known, else those read plus one page to scroll into. */
  get rowCount(): number {
    return this.total ?? this.known + this.pageRows
  }

  /** Rows read so far: the end of the furthest page that arrived. */
  get rowsRead(): number {
    return this.known
  }

  get complete(): boolean {
    return this.total !== null
  }

  row(index: number): Cell[] | undefined {
    const page = Math.floor(index / this.pageRows)
    const rows = this.pages.get(page)
    if (!rows) return undefined
    // Touch: the Map's order is the least recently used first.
    this.pages.delete(page)
    this.pages.set(page, rows)
    return rows[index - page * this.pageRows]
  }

  /** Pages covering rows [start, end) that are neither here nor on their way; marks them on their way. */
  claim(start: number, end: number): number[] {
    const last = Math.min(end, this.rowCount)
    const wanted: number[] = []
    for (let page = Math.floor(start / this.pageRows); page * this.pageRows < last; page++) {
      if (this.pages.has(page) || this.pending.has(page)) continue
      this.pending.add(page)
      wanted.push(page)
    }
    return wanted
  }

  /**
   * A page arrived, or failed (rows null): a failed page is claimed again only
   * when the grid next asks for it (a scroll), never in a loop.
   */
  put(page: number, rows: Cell[][] | null, total: number | null): void {
    this.pending.delete(page)
    if (rows === null) return
    this.pages.set(page, rows)
    const offset = page * this.pageRows
    this.known = Math.max(this.known, offset + rows.length)
    if (total !== null) this.total = total
    else if (rows.length < this.pageRows) this.total = offset + rows.length
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number
      this.pages.delete(oldest)
    }
  }

  /** The rows held, in order, for a chart or a copy: never more than the cache. */
  heldRows(): Cell[][] {
    return [...this.pages.entries()].sort(([a], [b]) => a - b).flatMap(([, rows]) => rows)
  }

  get cachedPages(): number {
    return this.pages.size
  }
}
