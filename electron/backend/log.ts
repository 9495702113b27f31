import type { Redactor } from './redactor'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/**
 * Structured one-line logs. Every line passes through the redactor first, so a
 * password that reached the backend can never be printed, whatever logged it.
 */
export function createLogger(options: {
  redactor: Redactor
  write?: (line: string) => void
  level?: LogLevel
}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error']
  const min = order.indexOf(options.level ?? 'info')
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`))
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < min) return
    const extra = fields ? ` ${safeJson(fields)}` : ''
    write(options.redactor.redact(`[${level}] ${message}${extra}`))
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  }
}

function safeJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message } : v,
    )
  } catch {
    return '{}'
  }
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
}
