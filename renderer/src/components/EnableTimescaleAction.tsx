import { useState } from 'react'
import { call } from '../api/client'
import { useStore } from '../store'

/**
 * "Enable TimescaleDB" beside the Sensors page's notice, when the server offers
 * TimescaleDB but this database has not installed it. The Connections page's
 * server panel offers the same action.
 */
export function EnableTimescaleAction({
  available,
  onEnabled,
}: {
  /** The version the server offers, e.g. "2.17.2". */
  available: string
  /** Called after TimescaleDB was enabled, so the page refreshes its status. */
  onEnabled: () => void
}) {
  const [busy, setBusy] = useState(false)
  const notify = useStore((s) => s.notify)

  const enable = async () => {
    setBusy(true)
    try {
      const info = await call(
        'server/enable-timescaledb',
        {},
        { failure: 'Could not enable TimescaleDB' },
      )
      notify({
        kind: 'success',
        title: 'TimescaleDB enabled',
        message: `TimescaleDB ${info.timescaledb.installed ?? available} is installed in database "${info.database}". Set up schema to make sensor_data a hypertable.`,
      })
      onEnabled()
    } catch {
      // call() has already shown why, as a notification.
    } finally {
      setBusy(false)
    }
  }

  return (
    <button type="button" disabled={busy} onClick={() => void enable()}>
      Enable TimescaleDB
    </button>
  )
}
