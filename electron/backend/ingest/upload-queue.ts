import { AppError } from '../../../shared/errors'

export const DEFAULT_UPLOAD_IDLE_MS = 60_000

/**
 * Bytes the renderer uploads piece by piece, read by a COPY at its own pace.
 * push() resolves only when there is room again, which is the backpressure
 * that keeps memory bounded whatever the file size. A stalled upload (the page
 * went away) fails the import instead of holding a transaction open forever.
 */
export class UploadQueue {
  private readonly pieces: Uint8Array[] = []
  private ended = false
  private failure: Error | null = null
  private wakeReader: (() => void) | null = null
  private readonly waitingWriters: (() => void)[] = []
  private idleTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly maxPending = 4,
    private readonly idleMs = DEFAULT_UPLOAD_IDLE_MS,
  ) {
    this.armIdle()
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    if (this.ended || this.failure) return
    this.idleTimer = setTimeout(
      () =>
        this.fail(
          new AppError('cancelled', 'The upload stopped arriving, so the import was abandoned.'),
        ),
      this.idleMs,
    )
    this.idleTimer.unref?.()
  }

  async push(bytes: Uint8Array, last: boolean): Promise<void> {
    if (this.failure) throw this.failure
    if (this.ended) throw new AppError('bad_request', 'This upload has already ended.')
    if (bytes.byteLength > 0) this.pieces.push(bytes)
    if (last) this.ended = true
    this.armIdle()
    this.wake()
    while (this.pieces.length > this.maxPending && !this.failure) {
      await new Promise<void>((resolve) => this.waitingWriters.push(resolve))
    }
    if (this.failure) throw this.failure
  }

  fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.wake()
    for (const resolve of this.waitingWriters.splice(0)) resolve()
  }

  private wake(): void {
    const wake = this.wakeReader
    this.wakeReader = null
    wake?.()
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.failure) throw this.failure
      const piece = this.pieces.shift()
      if (piece) {
        this.waitingWriters.shift()?.()
        yield piece
        continue
      }
      if (this.ended) {
        if (this.idleTimer) clearTimeout(this.idleTimer)
        return
      }
      await new Promise<void>((resolve) => (this.wakeReader = resolve))
    }
  }
}
