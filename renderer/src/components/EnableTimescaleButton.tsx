import { useStore } from '../store'

/**
 * "Enable TimescaleDB", the one button for it: on the Server panel, and beside
 * the Sensors page's notice, when the server offers TimescaleDB but this
 * database has not installed it. The outcome is a notification; the pages
 * follow the new server info that every window receives.
 */
export function EnableTimescaleButton({ primary = false }: { primary?: boolean }) {
  const busy = useStore((s) => s.enablingTimescaleDb)
  const enable = useStore((s) => s.enableTimescaleDb)
  return (
    <>
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        disabled={busy}
        onClick={() => void enable()}
      >
        Enable TimescaleDB
      </button>
      {busy && <p role="status">Running CREATE EXTENSION timescaledb…</p>}
    </>
  )
}
