/**
 * INTEGRATION POINT — "Enable TimescaleDB" (issue 3 owns `server/enable-timescaledb`).
 *
 * The Sensors page renders this beside its notice whenever the server offers
 * TimescaleDB but this database has not installed it. Until issue 3's call is
 * merged it renders nothing. To wire it, replace the body with:
 *
 *   const [busy, setBusy] = useState(false)
 *   return (
 *     <button type="button" disabled={busy} onClick={async () => {
 *       setBusy(true)
 *       try {
 *         await call('server/enable-timescaledb', {}, { failure: 'Could not enable TimescaleDB' })
 *         onEnabled() // the Sensors page re-reads the status: sensor_data becomes "convertible"
 *       } catch {
 *         // call() has already shown why, as a notification
 *       } finally {
 *         setBusy(false)
 *       }
 *     }}>Enable TimescaleDB</button>
 *   )
 */
export function EnableTimescaleAction(_props: {
  /** The version the server offers, e.g. "2.17.2". */
  available: string
  /** Called after TimescaleDB was enabled, so the page refreshes its status. */
  onEnabled: () => void
}) {
  return null
}
