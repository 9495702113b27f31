import type { EventMap, EventName } from '../../shared/contract'

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void
export type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void

/** Fans backend events out to whichever host is attached (Electron windows, web tabs). */
export class EventHub {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly emit: Emit = (event, payload) => {
    for (const listener of this.listeners) listener(event, payload)
  }
}
