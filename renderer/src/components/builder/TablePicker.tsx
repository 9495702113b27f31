import { useMemo } from 'react'
import type { CatalogList, TableRef } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { findQuickStart, sameTable } from '../../store/builder-spec'
import { canChart } from '../database/catalog-view'
import { LabelledField } from '../Field'

const PRESET = 'preset:quick-start'
const valueOf = (table: TableRef) => JSON.stringify([table.schema, table.name])

function chartableTables(catalog: CatalogList | null): TableRef[] {
  if (!catalog) return []
  return catalog.schemas.flatMap((schema) =>
    schema.relations.filter(canChart).map((r) => ({ schema: r.schema, name: r.name })),
  )
}

/**
 * "Table": what the builder charts. The quick start's chart is its first
 * choice where the database has the quick start's tables, then every table or
 * view with a time column and a number.
 */
export function TablePicker() {
  const catalog = useStore((s) => s.catalog)
  const table = useStore((s) => s.builderTable)
  const preset = useStore((s) => s.builderPreset)
  const openChart = useStore((s) => s.openChart)
  const openQuickStart = useStore((s) => s.openQuickStart)
  const tables = useMemo(() => chartableTables(catalog), [catalog])
  const quickStart = findQuickStart(catalog)
  const listed = table === null || tables.some((t) => sameTable(t, table))
  const value = preset ? PRESET : table ? valueOf(table) : ''

  const pick = (picked: string) => {
    if (picked === PRESET) return openQuickStart()
    const [schema, name] = JSON.parse(picked) as [string, string]
    openChart({ schema, name })
  }

  return (
    <LabelledField label="Table" className="field-table">
      {(id) => (
        <select id={id} value={value} onChange={(e) => pick(e.target.value)}>
          {table === null && (
            <option value="" disabled>
              Pick a table…
            </option>
          )}
          {(quickStart || preset) && <option value={PRESET}>Quick start: sensor_data</option>}
          {!listed && table && (
            <option value={valueOf(table)}>{`${table.schema}.${table.name}`}</option>
          )}
          {tables.map((t) => (
            <option key={valueOf(t)} value={valueOf(t)}>
              {`${t.schema}.${t.name}`}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  )
}
