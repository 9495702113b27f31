import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Cell, ResultColumn } from '../../../../shared/domain/console'
import type { ResultPages } from '../../store/result-pages'

const ROW_HEIGHT = 28

interface Props {
  columns: readonly ResultColumn[]
  pages: ResultPages
  /** Changes whenever pages arrive, so the grid draws them. */
  version: number
  /** The rows in view (and a margin) are [first, last): the store reads the pages they need. */
  onVisible(first: number, last: number): void
  onCopy(text: string): void
}

/** Column widths in ch: the header or the widest of the first rows, within bounds. */
function widths(columns: readonly ResultColumn[], sample: readonly Cell[][]): string {
  return columns
    .map((column, i) => {
      const longest = sample.reduce((n, row) => Math.max(n, String(row[i] ?? 'NULL').length), 0)
      return `${Math.min(48, Math.max(8, column.name.length + 2, longest + 2))}ch`
    })
    .join(' ')
}

const cellText = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : cell)
/** A row as tab-separated text, NULL as empty: what pastes into a spreadsheet. */
export const rowText = (row: readonly Cell[]) => row.map(cellText).join('\t')

/**
 * The result as an ARIA grid named "Results": only the rows in view are in
 * the page (@tanstack/react-virtual), pages are fetched as they scroll into
 * view, and values are always text — NULL drawn apart from an empty string.
 * Arrow keys, Page Up/Down, Home and End move the active cell; Ctrl/Cmd-C
 * copies it, Shift as well copies its row.
 */
export function ResultsGrid({ columns, pages, version, onVisible, onCopy }: Props) {
  const scroller = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState({ row: 0, col: 0 })
  const count = pages.rowCount
  // The app is not built with the React Compiler, so nothing memoizes the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = (items.at(-1)?.index ?? 0) + 1
  const template = useMemo(
    () =>
      widths(
        columns,
        Array.from({ length: 50 }, (_, i) => pages.row(i) ?? []),
      ),
    // The sample is read once per result: widths must not jump while scrolling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns],
  )

  useEffect(() => {
    onVisible(first, last)
  }, [first, last, pages, version, onVisible])

  const copy = (what: 'cell' | 'row') => {
    const values = pages.row(active.row)
    if (values) onCopy(what === 'row' ? rowText(values) : cellText(values[active.col]))
  }

  const move = (row: number, col: number) => {
    const next = {
      row: Math.max(0, Math.min(count - 1, row)),
      col: Math.max(0, Math.min(columns.length - 1, col)),
    }
    setActive(next)
    virtualizer.scrollToIndex(next.row, { align: 'auto' })
    requestAnimationFrame(() =>
      scroller.current
        ?.querySelector<HTMLElement>(`[data-cell="${next.row}:${next.col}"]`)
        ?.focus(),
    )
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1)
    const { row, col } = active
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col),
      ArrowUp: () => move(row - 1, col),
      ArrowRight: () => move(row, col + 1),
      ArrowLeft: () => move(row, col - 1),
      PageDown: () => move(row + page, col),
      PageUp: () => move(row - page, col),
      Home: () => move(event.ctrlKey ? 0 : row, 0),
      End: () => move(event.ctrlKey ? count - 1 : row, columns.length - 1),
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      copy(event.shiftKey ? 'row' : 'cell')
      event.preventDefault()
      return
    }
    const action = keys[event.key]
    if (action) {
      action()
      event.preventDefault()
    }
  }

  return (
    <>
      <div className="results-copy">
        <button type="button" onClick={() => copy('cell')} title="Ctrl/Cmd-C in the grid">
          Copy cell
        </button>
        <button type="button" onClick={() => copy('row')} title="Ctrl/Cmd-Shift-C in the grid">
          Copy row
        </button>
        <span className="muted">
          Row {active.row + 1}, {columns[active.col]?.name ?? ''}
        </span>
      </div>
      <div
        ref={scroller}
        className="results-grid"
        role="grid"
        aria-label="Results"
        aria-rowcount={pages.complete ? count + 1 : -1}
        aria-colcount={columns.length}
        onKeyDown={onKeyDown}
      >
        <div
          className="results-row results-head"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template }}
        >
          {columns.map((column, i) => (
            <div key={i} role="columnheader" aria-colindex={i + 1} title={column.typeName}>
              <span className="results-name">{column.name}</span>
              <span className="results-type">{column.typeName}</span>
            </div>
          ))}
        </div>
        <div className="results-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const values = pages.row(item.index)
            return (
              <div
                key={item.key}
                className="results-row"
                role="row"
                aria-rowindex={item.index + 2}
                style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
              >
                {columns.map((_, col) => {
                  const cell = values?.[col]
                  const isActive = active.row === item.index && active.col === col
                  return (
                    <div
                      key={col}
                      role="gridcell"
                      aria-colindex={col + 1}
                      data-cell={`${item.index}:${col}`}
                      tabIndex={isActive ? 0 : -1}
                      className={cell === null ? 'null' : values ? undefined : 'loading'}
                      onClick={() => setActive({ row: item.index, col })}
                    >
                      {values ? (cell === null ? 'NULL' : cell) : '…'}
                    </div>
                  )
                })}
              </div>
            )
          })}
        </div>
      </div>
    </>
  )
}
