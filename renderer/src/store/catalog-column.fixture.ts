import type { CatalogColumn } from '../../../shared/domain/catalog'

/** A catalog column for the store's tests: plain unless `extra` says otherwise. */
export const catalogColumn = (
  name: string,
  type: string,
  extra: Partial<CatalogColumn> = {},
): CatalogColumn => ({
  name,
  type,
  notNull: false,
  time: null,
  numeric: false,
  splittable: false,
  ...extra,
})
