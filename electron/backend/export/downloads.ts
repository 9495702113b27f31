import { randomBytes } from 'node:crypto'
import type { Writable } from 'node:stream'
import { AppError } from '../../../shared/errors'

/** How long an offered download waits for the browser to ask for it. */
export const DOWNLOAD_WAIT_MS = 60_000

export interface PendingDownload {
  fileName: string
  /** The host hands over the response to write into; the export starts then. */
  attach(sink: Writable): void
}

interface Offer extends PendingDownload {
  sink: Promise<Writable>
  fail(error: AppError): void
}

/**
 * Exports to the web host's browser: the backend offers a download under a
 * random one-time id; the browser's GET of `/downloads/<id>` (with the
 * session token) hands the HTTP response over as the sink, so the result
 * streams straight to the browser's file with TCP's backpressure, never whole
 * in memory. Unclaimed offers expire.
 */
export class DownloadRegistry {
  private readonly offers = new Map<string, Offer>()

  offer(
    fileName: string,
    waitMs = DOWNLOAD_WAIT_MS,
  ): { url: string; sink(signal: AbortSignal): Promise<Writable> } {
    const id = randomBytes(18).toString('base64url')
    let attach!: (sink: Writable) => void
    let fail!: (error: AppError) => void
    const sink = new Promise<Writable>((resolve, reject) => {
      attach = resolve
      fail = reject
    })
    sink.catch(() => {})
    const timer = setTimeout(() => {
      this.offers.delete(id)
      fail(new AppError('timeout', 'The download was not started within a minute; export again.'))
    }, waitMs)
    timer.unref()
    this.offers.set(id, {
      fileName,
      sink,
      fail,
      attach: (writable) => {
        clearTimeout(timer)
        attach(writable)
      },
    })
    return {
      url: `/downloads/${id}`,
      sink: (signal) => {
        signal.addEventListener('abort', () => {
          clearTimeout(timer)
          this.offers.delete(id)
          fail(new AppError('cancelled', 'Cancelled.'))
        })
        return sink
      },
    }
  }

  /** The download for this id, once: a second request for it finds nothing. */
  take(id: string): PendingDownload | null {
    const offer = this.offers.get(id)
    if (!offer) return null
    this.offers.delete(id)
    return offer
  }
}
