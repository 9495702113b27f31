import { useMemo } from 'react'
import { useStore } from '../store'
import { osTimeZone } from '../store/navigation-slice'

/** Every IANA zone this runtime knows, with UTC and the OS's zone always among them. */
function knownZones(current: string): string[] {
  const listed =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set(['UTC', osTimeZone(), current, ...listed])].sort((a, b) => a.localeCompare(b))
}

/** The display time zone, for every time the app shows, exports or imports without an offset. */
export function TimeZonePicker() {
  const timeZone = useStore((s) => s.timeZone)
  const setTimeZone = useStore((s) => s.setTimeZone)
  const zones = useMemo(() => knownZones(timeZone), [timeZone])
  const os = osTimeZone()
  return (
    <label className="time-zone-picker">
      Time zone{' '}
      <select value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone === os ? `${zone} (this computer)` : zone}
          </option>
        ))}
      </select>
    </label>
  )
}
