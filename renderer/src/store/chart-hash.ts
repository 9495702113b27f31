/**
 * The current chart in the page's URL hash (web host), so a reload restores
 * it: its configuration as JSON, base64url-encoded. What comes back from a
 * hash is checked like any request before it is used.
 */
import {
  SavedChartConfigSchema,
  type SavedChartConfig,
  type SavedChartConfigInput,
} from '../../../shared/domain/saved-charts'

const PREFIX = '#chart='
/** A hash longer than this is not one we wrote. */
export const MAX_HASH_CHARS = 16_384

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

export function encodeChartHash(config: SavedChartConfigInput): string {
  return PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify(config)))
}

/** The chart a hash holds, or null when it holds none (or one that is not valid). */
export function decodeChartHash(hash: string): SavedChartConfig | null {
  if (!hash.startsWith(PREFIX) || hash.length > MAX_HASH_CHARS) return null
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(
      fromBase64Url(hash.slice(PREFIX.length)),
    )
    const parsed = SavedChartConfigSchema.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
