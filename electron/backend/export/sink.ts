import type { Writable } from 'node:stream'
import { AppError } from '../../../shared/errors'

/**
 * Resolves when the sink wants more, or is gone, or `signal` aborts; leaves
 * no listener behind either way.
 */
export function drained(sink: Writable, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done)
      sink.off('close', done)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    sink.on('drain', done)
    sink.on('close', done)
    signal?.addEventListener('abort', done, { once: true })
    if (signal?.aborted) done()
  })
}

/**
 * Writes one piece and waits until the sink has taken it (backpressure), so
 * an export never holds more than the piece in hand. A sink that went away
 * (the browser stopped the download) stops the export, and so does a cancel
 * while a reader that stopped reading holds it.
 */
export async function writeToSink(
  sink: Writable,
  bytes: Buffer,
  signal?: AbortSignal,
): Promise<void> {
  if (sink.destroyed) throw new AppError('cancelled', 'The download was stopped.')
  if (!sink.write(bytes)) {
    await drained(sink, signal)
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled. The file is incomplete.')
    if (sink.destroyed) throw new AppError('cancelled', 'The download was stopped.')
  }
}
