/** A header cell's label; numeric() marks a column of numbers (right-aligned, like its cells). */
export type Column = string | { label: string; numeric: true }

export const numeric = (label: string): Column => ({ label, numeric: true })

/**
 * A table's header row: a column header per column and, with `actions`, a
 * last column for the rows' buttons, named for screen readers only.
 */
export function TableHead({
  columns,
  actions = false,
}: {
  columns: readonly Column[]
  actions?: boolean
}) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.label} scope="col" className="num">
              {column.label}
            </th>
          ),
        )}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  )
}
