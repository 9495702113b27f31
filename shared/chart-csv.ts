/**
 * The chart's CSV dialect, shared by the buckets the renderer writes and the
 * raw rows the backend streams: comma separated, CRLF line ends, fields with
 * a comma, quote or line break quoted (quotes doubled).
 */

/** A plain number as PostgreSQL writes one: spreadsheets read it as the number it is. */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

export function csvCell(text: string): string {
  // Labels come from the database: keep spreadsheets from reading them as formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * One raw row's record: NULL as an empty field, numbers exactly as the
 * database wrote them (a negative one is a number, not a formula), any other
 * text through csvCell.
 */
export function csvRow(cells: readonly (string | null)[]): string {
  const fields = cells.map((v) => (v === null ? '' : NUMBER.test(v) ? v : csvCell(v)))
  return `${fields.join(',')}\r\n`
}
