import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

export interface StaticFile {
  body: Buffer
  contentType: string
}

/**
 * Resolves a request path to a file inside `root`, or null. Paths that climb
 * out of the root (../, encoded or not) resolve to null, never to a file.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const base = resolve(root)
  const full = resolve(base, relative)
  if (full !== base && !full.startsWith(base + sep)) return null
  try {
    const info = await stat(full)
    if (!info.isFile()) return null
    return {
      body: await readFile(full),
      contentType: contentTypes[extname(full)] ?? 'application/octet-stream',
    }
  } catch {
    return null
  }
}
