import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'TSDB Explorer'

/** Where Electron's app.getPath('userData') points on each OS, for hosts without Electron. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME)
}

export function embeddedDataDirIn(userDataDir: string): string {
  return join(userDataDir, 'embedded-timescaledb')
}
