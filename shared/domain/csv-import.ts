import { z } from 'zod'
import { TimeZoneSchema } from './chart'
import { JobIdSchema } from './jobs'

export const importTargets = ['time', 'sensor_id', 'temperature', 'cpu'] as const
export type ImportTarget = (typeof importTargets)[number]

/** One upload piece; the renderer sends the file in pieces of at most this size. */
export const MAX_IMPORT_PIECE_BYTES = 4 * 1024 * 1024

/**
 * The longest one line (CSV record) may be. A reading is under 100 bytes; the
 * limit keeps what the importer buffers bounded whatever file it is given.
 */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024
export const MAX_CSV_RECORD_TEXT = '1 MiB'

export const ImportStartSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  totalBytes: z.number().int().min(1).max(1e12),
  /** The sensor_data column each CSV column goes into, in the file's column order. */
  columns: z
    .array(z.enum(importTargets))
    .min(2)
    .max(4)
    .refine((cols) => new Set(cols).size === cols.length, 'Each column may be used once')
    .refine(
      (cols) => cols.includes('time') && cols.includes('sensor_id'),
      'The file needs a time and a sensor_id column',
    ),
  /**
   * The zone a time without an offset (e.g. "2026-01-10 08:00") is a wall
   * clock of: the display zone. Times with an offset keep theirs.
   */
  timeZone: TimeZoneSchema.default('UTC'),
})
export type ImportStart = z.output<typeof ImportStartSchema>

export const ImportChunkSchema = z.strictObject({
  jobId: JobIdSchema,
  bytes: z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength <= MAX_IMPORT_PIECE_BYTES, 'Piece too large'),
  last: z.boolean(),
})

/** Splits a CSV header line into names (quoted names may hold commas and "" escapes). */
export function parseCsvHeader(line: string): string[] {
  const names: string[] = []
  let current = ''
  let quoted = false
  const text = line.replace(/\r?\n$/, '').replace(/^\uFEFF/, '')
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        current += '"'
        i++
      } else if (ch === '"') quoted = false
      else current += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      names.push(current.trim())
      current = ''
    } else current += ch
  }
  names.push(current.trim())
  return names
}

const aliases: Record<ImportTarget, readonly string[]> = {
  time: ['time', 'timestamp', 'ts', 'datetime', 'date', 'recorded_at', 'created_at'],
  sensor_id: ['sensor_id', 'sensorid', 'sensor', 'id', 'device_id'],
  temperature: ['temperature', 'temp', 'temp_c', 'temperature_c'],
  cpu: ['cpu', 'cpu_load', 'load', 'cpu_usage', 'cpu_percent'],
}

const normalize = (name: string) => name.toLowerCase().replace(/[\s-]+/g, '_')

/**
 * The target for each CSV column, matched by name (and common aliases), or
 * null where the user has to choose. Exact names map without asking.
 */
export function suggestMapping(header: readonly string[]): (ImportTarget | null)[] {
  const taken = new Set<ImportTarget>()
  return header.map((name) => {
    const n = normalize(name)
    const target = importTargets.find((t) => !taken.has(t) && aliases[t].includes(n)) ?? null
    if (target) taken.add(target)
    return target
  })
}

/** True when every column maps by its exact name: no mapping step needed. */
export function mapsByName(header: readonly string[]): boolean {
  return (
    header.length >= 2 &&
    header.every((name) => (importTargets as readonly string[]).includes(normalize(name))) &&
    new Set(header.map(normalize)).size === header.length
  )
}
