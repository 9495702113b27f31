import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the Electron binary is, or why there is none. Never require('electron')
 * here: since Electron 45 that would try to download the binary.
 */
export function findElectronBinary(root: string): { path: string } | { reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const candidate = override
    ? join(override, name ?? 'electron')
    : name
      ? join(pkg, 'dist', name)
      : null
  if (candidate && existsSync(candidate)) return { path: candidate }
  return {
    reason:
      'No Electron binary on this machine (Electron 45+ downloads it on first launch, which this ' +
      'environment cannot do). The same specs ran against the web host in Chromium. Run ' +
      '`npx install-electron` on a desktop, or set ELECTRON_OVERRIDE_DIST_PATH, to run them in Electron.',
  }
}
