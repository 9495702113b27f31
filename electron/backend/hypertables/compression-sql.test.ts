import { describe, expect, it } from 'vitest'
import type { TimescaleFeatures } from './catalog'
import {
  chunkActionSql,
  compressionPolicySql,
  enableCompressionSql,
  orderByText,
  quoteLiteral,
  segmentByText,
} from './compression-sql'

const columnstore: TimescaleFeatures = { version: '2.28.3', schema: 'public', api: 'columnstore' }
const compression: TimescaleFeatures = { ...columnstore, version: '2.17.0', api: 'compression' }

describe('compression statements', () => {
  it('quotes literals as quote_literal does, backslashes in an E string', () => {
    expect(quoteLiteral('plain')).toBe("'plain'")
    expect(quoteLiteral("it's")).toBe("'it''s'")
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'")
    expect(quoteLiteral("'\\")).toBe("E'''\\\\'")
  })

  it('lists columns as quoted identifiers inside the option text', () => {
    expect(segmentByText(['sensor_id', 'we"ird'])).toBe('"sensor_id","we""ird"')
    expect(segmentByText([])).toBe('')
    expect(
      orderByText([
        { column: 'time', descending: true },
        { column: 'x', descending: false },
      ]),
    ).toBe('"time" DESC,"x"')
  })

  it('uses the columnstore names on new servers and the compression names on old ones', () => {
    const order = [{ column: 'time', descending: true }]
    expect(enableCompressionSql('columnstore', '"public"."t"', ["se'g"], order)).toBe(
      `ALTER TABLE "public"."t" SET (\n  timescaledb.enable_columnstore = true,\n  timescaledb.segmentby = '"se''g"',\n  timescaledb.orderby = '"time" DESC'\n)`,
    )
    expect(enableCompressionSql('compression', '"public"."t"', [], order)).toBe(
      `ALTER TABLE "public"."t" SET (\n  timescaledb.compress,\n  timescaledb.compress_segmentby = '',\n  timescaledb.compress_orderby = '"time" DESC'\n)`,
    )
    expect(chunkActionSql(columnstore, 'compress')).toBe(
      'CALL "public"."convert_to_columnstore"($1::oid::regclass, if_not_columnstore => true)',
    )
    expect(chunkActionSql(columnstore, 'decompress')).toContain('"convert_to_rowstore"')
    expect(chunkActionSql(compression, 'compress')).toBe(
      'SELECT "public"."compress_chunk"($1::oid::regclass, if_not_compressed => true)',
    )
    expect(chunkActionSql(compression, 'decompress')).toContain('"decompress_chunk"')
    expect(compressionPolicySql(columnstore, 'add')).toContain('"add_columnstore_policy"')
    expect(compressionPolicySql(columnstore, 'remove')).toContain('"remove_columnstore_policy"')
    expect(compressionPolicySql(compression, 'add')).toContain('compress_after => $2::interval')
    expect(compressionPolicySql(compression, 'remove')).toContain('"remove_compression_policy"')
  })

  it("calls the extension's functions in its own schema, quoted", () => {
    expect(chunkActionSql({ ...compression, schema: 'ts"db' }, 'compress')).toContain(
      'SELECT "ts""db"."compress_chunk"(',
    )
  })
})
