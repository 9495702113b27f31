import { useId, useMemo } from 'react'
import { useStore } from '../store'
import { osTimeZone } from '../store/navigation-slice'

/**
 * ICU (Chromium, Node) still lists some zones by their old names; the IANA
 * database, PostgreSQL and people use the new ones.
 */
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Dacca': 'Asia/Dhaka',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
}
const modern = (zone: string) => RENAMED[zone] ?? zone

/** Every IANA zone this runtime knows, with UTC and the OS's zone always among them. */
function knownZones(current: string): string[] {
  const listed =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  const zones = ['UTC', osTimeZone(), current, ...listed.map(modern)]
  return [...new Set(zones)].sort((a, b) => a.localeCompare(b))
}

/** The display time zone, for every time the app shows, exports or imports without an offset. */
export function TimeZonePicker() {
  const timeZone = useStore((s) => s.timeZone)
  const setTimeZone = useStore((s) => s.setTimeZone)
  const zones = useMemo(() => knownZones(timeZone), [timeZone])
  const os = osTimeZone()
  const id = useId()
  return (
    <span className="time-zone-picker">
      <label htmlFor={id}>Time zone</label>{' '}
      <select id={id} value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone === os ? `${zone} (this computer)` : zone}
          </option>
        ))}
      </select>
    </span>
  )
}
