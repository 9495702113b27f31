import { useMemo } from 'react'
import type { CatalogList, TableRef } from '../../../../shared/domain/catalog'
import { formatBytes, formatCount } from '../../format'
import { Field } from '../Field'
import { canChart, filterCatalog, KIND_LABELS } from './catalog-view'
import { InlineError } from '../InlineError'

interface Props {
  catalog: CatalogList | null
  filter: string
  onFilter(text: string): void
  selected: TableRef | null
  onSelect(table: TableRef): void
  onChart(table: TableRef): void
  /** A read is under way (the first, or a refresh). */
  loading: boolean
  error: string | null
  /** The sidebar's narrow tree: names only, no sizes. */
  compact?: boolean
}

const same = (a: TableRef | null, b: TableRef) =>
  a !== null && a.schema === b.schema && a.name === b.name

/**
 * Schemas, then their hypertables (marked as such), continuous aggregates,
 * tables and views, with a name filter; "Chart" on anything with a time
 * column and a number. Every name is rendered as text.
 */
export function CatalogTree(props: Props) {
  const { catalog, filter, selected, compact = false } = props
  const schemas = useMemo(() => (catalog ? filterCatalog(catalog, filter) : []), [catalog, filter])
  const relations = schemas.reduce((n, s) => n + s.relations.length, 0)
  return (
    <div className={`catalog-tree${compact ? ' compact' : ''}`}>
      <Field
        label="Filter tables"
        className="catalog-filter"
        type="search"
        value={filter}
        maxLength={100}
        placeholder="schema or table name"
        onChange={(e) => props.onFilter(e.target.value)}
      />
      {props.error && <InlineError>{props.error}</InlineError>}
      {!catalog && props.loading && <p className="muted">Reading the database…</p>}
      {catalog?.truncated && (
        <p className="muted">
          Only the first tables are listed: type part of a name to find the others.
        </p>
      )}
      {catalog && relations === 0 && (
        <p className="muted">
          {filter
            ? `No table or view matches “${filter}”.`
            : 'This database has no tables yet. Generate sample data on the Sensors page, or create a table, then refresh.'}
        </p>
      )}
      {schemas.map((schema) => (
        // A group, not a region: a page's own "Schema" region keeps its name to itself.
        <div
          key={schema.name}
          role="group"
          className="catalog-schema"
          aria-label={`Schema ${schema.name}`}
        >
          <h3 className="catalog-schema-name">{schema.name}</h3>
          {schema.relations.length === 0 && <p className="muted">No tables.</p>}
          <ul>
            {schema.relations.map((r) => {
              const ref = { schema: r.schema, name: r.name }
              return (
                <li
                  key={r.name}
                  aria-label={r.name}
                  className={`catalog-relation${r.source ? ' catalog-child' : ''}`}
                >
                  <button
                    type="button"
                    className="catalog-name"
                    aria-current={same(selected, ref) ? 'true' : undefined}
                    onClick={() => props.onSelect(ref)}
                  >
                    {r.name}
                  </button>
                  <span className={`kind-badge kind-${r.kind}`}>{KIND_LABELS[r.kind]}</span>
                  {!compact && (
                    <span className="catalog-stats muted">
                      {r.rowEstimate === null
                        ? 'rows unknown'
                        : `~${formatCount(r.rowEstimate)} rows`}
                      {r.totalBytes !== null && ` · ${formatBytes(r.totalBytes)}`}
                    </span>
                  )}
                  {canChart(r) && (
                    <button
                      type="button"
                      className="catalog-chart"
                      onClick={() => props.onChart(ref)}
                    >
                      Chart
                    </button>
                  )}
                </li>
              )
            })}
          </ul>
        </div>
      ))}
    </div>
  )
}
