import type { Cell } from '../../../shared/domain/console'

const NEEDS_QUOTES = /[",\r\n]/

/**
 * One CSV record exactly as PostgreSQL's `COPY … (FORMAT csv)` writes it:
 * NULL is nothing, an empty string is `""`, a value with a comma, quote or
 * line break is quoted with quotes doubled, and a lone `\.` in a one-column
 * record is quoted so it cannot read as the end-of-data marker.
 */
export function csvRecord(cells: readonly Cell[]): string {
  const fields = cells.map((cell) => {
    if (cell === null) return ''
    const quote = cell === '' || NEEDS_QUOTES.test(cell) || (cells.length === 1 && cell === '\\.')
    return quote ? `"${cell.replaceAll('"', '""')}"` : cell
  })
  return `${fields.join(',')}\n`
}
