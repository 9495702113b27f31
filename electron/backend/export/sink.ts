import type { Writable } from 'node:stream'
import { AppError } from '../../../shared/errors'

/** Resolves when the sink wants more, or is gone; leaves no listener behind either way. */
export function drained(sink: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done)
      sink.off('close', done)
      resolve()
    }
    sink.on('drain', done)
    sink.on('close', done)
  })
}

/**
 * Writes one piece and waits until the sink has taken it (backpressure), so
 * an export never holds more than the piece in hand; a sink that went away
 * (the browser stopped the download) stops the export.
 */
export async function writeToSink(sink: Writable, bytes: Buffer): Promise<void> {
  if (sink.destroyed) throw new AppError('cancelled', 'The download was stopped.')
  if (!sink.write(bytes)) {
    await drained(sink)
    if (sink.destroyed) throw new AppError('cancelled', 'The download was stopped.')
  }
}
