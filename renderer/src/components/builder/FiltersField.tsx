import type { ColumnRef, SplitValue } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import type { SplitOption } from '../../store/builder-options'
import { refKey, sameRef } from '../../store/builder-spec'
import { InlineError } from '../InlineError'

const valueLabel = (v: SplitValue) => (v.value === null ? '(none)' : v.label)

/**
 * "Filters": a filter per column of the table (or of a table it references),
 * each listing the column's values to tick. Values come from the referenced
 * table, an index or the statistics, never a scan: the list says when it is
 * not complete, and a search finds the others.
 */
export function FiltersField({ splits }: { splits: SplitOption[] }) {
  const open = useStore((s) => s.builderFilters)
  const openFilter = useStore((s) => s.openFilter)
  const addable = splits.filter((o) => !open.some((f) => sameRef(f, o.ref)))
  return (
    <fieldset className="builder-filters">
      <legend>Filters</legend>
      {open.map((ref) => (
        <FilterEditor
          key={refKey(ref)}
          filterRef={ref}
          label={splits.find((o) => sameRef(o.ref, ref))?.label ?? refKey(ref)}
        />
      ))}
      {addable.length > 0 && (
        <select
          aria-label="Add a filter"
          value=""
          onChange={(e) => {
            const picked = addable.find((o) => o.value === e.target.value)
            if (picked) openFilter(picked.ref)
          }}
        >
          <option value="">{open.length === 0 ? 'Add a filter on…' : 'Add another on…'}</option>
          {addable.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
      {splits.length === 0 && <p className="muted">No column to filter on.</p>}
    </fieldset>
  )
}

function FilterEditor({ filterRef, label }: { filterRef: ColumnRef; label: string }) {
  const key = refKey(filterRef)
  const values = useStore((s) => s.filterValues[key])
  const error = useStore((s) => s.filterValuesError[key])
  const search = useStore((s) => s.filterSearch[key] ?? '')
  const picked = useStore(
    (s) => s.chartSpec?.filters.find((f) => sameRef(f.column, filterRef))?.values,
  )
  const setFilterValues = useStore((s) => s.setFilterValues)
  const searchFilterValues = useStore((s) => s.searchFilterValues)
  const closeFilter = useStore((s) => s.closeFilter)
  const chosen = picked ?? []
  // Ticked values stay listed even when the current list (or search) leaves them out.
  const listed = values?.values ?? []
  const extra = chosen
    .filter((v) => !listed.some((l) => l.value === v))
    .map((v) => ({ value: v, label: v ?? '(none)' }))
  const toggle = (value: string | null, on: boolean) =>
    setFilterValues(
      filterRef,
      on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value),
    )

  return (
    <fieldset className="filter-editor">
      <legend>{label}</legend>
      {error && <InlineError>{error}</InlineError>}
      {!values && !error && <p className="muted">Reading the values…</p>}
      {values && (!values.complete || search !== '') && (
        <input
          type="search"
          aria-label={`Search values of ${label}`}
          placeholder="Search values"
          maxLength={100}
          value={search}
          onChange={(e) => searchFilterValues(filterRef, e.target.value)}
        />
      )}
      <ul className="filter-values">
        {[...extra, ...listed].map((v) => (
          <li key={v.value ?? '\u0000null'}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.includes(v.value)}
                onChange={(e) => toggle(v.value, e.target.checked)}
              />
              {valueLabel(v)}
            </label>
          </li>
        ))}
      </ul>
      {values?.note && <p className="muted filter-note">{values.note}</p>}
      {chosen.length === 0 && values && <p className="muted">None ticked: every value.</p>}
      <button
        type="button"
        aria-label={`Remove the filter on ${label}`}
        onClick={() => closeFilter(filterRef)}
      >
        Remove filter
      </button>
    </fieldset>
  )
}
