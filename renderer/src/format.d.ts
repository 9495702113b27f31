/** Sizes the way PostgreSQL's pg_size_pretty shows them (units of 1024). */
export declare function formatBytes(bytes: number): string
/**
 * 1234567 -> "1,234,567" whatever the machine's locale, so screenshots and
 * tests agree; rates and other fractions are rounded to whole counts.
 */
export declare function formatCount(n: number): string
/**
 * An epoch-ms time to the second, "2026-01-01 00:59:00": in the display zone
 * when one is given, else the OS's.
 */
export declare function formatTime(ms: number, timeZone?: string): string
/**
 * Epoch ms -> the value of an <input type="datetime-local"> (local time), to
 * the second, or to the minute for an input without a step of 1.
 */
export declare function toLocalInput(
  ms: number,
  precision?: 'second' | 'minute',
  timeZone?: string,
): string
/**
 * A datetime-local value -> epoch ms, or null when empty or invalid: a wall
 * clock in the display zone when one is given, else the OS's.
 */
export declare function fromLocalInput(value: string, timeZone?: string): number | null
