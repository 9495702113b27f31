/** Where a CSV export goes: a file Electron's save dialog picked, or a download the web host offers. */
export type ExportDestination = { kind: 'file'; path: string } | { kind: 'download'; url: string }

/** An export job's start: its id and destination, or nothing when the save dialog was dismissed. */
export type ExportReply =
  { jobId: string; destination: ExportDestination } | { jobId: null; destination: null }
