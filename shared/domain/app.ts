export type HostKind = 'electron' | 'web'

export interface AppInfo {
  host: HostKind
  version: string
  /** Where the embedded TimescaleDB keeps its files. */
  embeddedDataDir: string
}
