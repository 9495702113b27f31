/** Zoom history and keyboard steps over a chart's window, as pure functions. */
import type { ChartWindow } from './chart-settings'

/** No zoom narrower than this: below it every bucket is a second or less. */
export const MIN_ZOOM_MS = 10_000

/** The zoom shown (null: the whole range) and the ones before it, oldest first. */
export interface ZoomState {
  zoom: ChartWindow | null
  history: readonly (ChartWindow | null)[]
}

/**
 * A zoom into `window`: the one shown goes on the history, so one step out
 * returns to it. From the whole range the history starts afresh (a range or
 * table change resets the zoom without knowing of the history).
 */
export function zoomedIn(state: ZoomState, window: ChartWindow): ZoomState {
  const history = state.zoom === null ? [] : state.history
  return { zoom: window, history: [...history, state.zoom] }
}

/** One step out: the previous zoom, or the whole range when there is none. */
export function zoomedOut(state: ZoomState): ZoomState {
  if (state.zoom === null || state.history.length === 0) return { zoom: null, history: [] }
  return { zoom: state.history.at(-1) ?? null, history: state.history.slice(0, -1) }
}

/** The window `factor` times as wide about its centre (0.5 zooms in, 2 out), never under MIN_ZOOM_MS. */
export function scaled(window: ChartWindow, factor: number): ChartWindow {
  const mid = (window.from + window.to) / 2
  const span = Math.max(MIN_ZOOM_MS, (window.to - window.from) * factor)
  return { from: Math.round(mid - span / 2), to: Math.round(mid + span / 2) }
}

/** The window moved by `fraction` of its width (negative: back in time). */
export function panned(window: ChartWindow, fraction: number): ChartWindow {
  const shift = Math.round((window.to - window.from) * fraction)
  return { from: window.from + shift, to: window.to + shift }
}

/** A dragged selection, widened about its centre to at least MIN_ZOOM_MS. */
export function selection(fromMs: number, toMs: number): ChartWindow {
  return scaled({ from: fromMs, to: toMs }, 1)
}

/** What a key does on the focused chart: a zoom factor or a pan fraction; null: not ours. */
export function keyStep(key: string): { zoom: number } | { pan: number } | null {
  switch (key) {
    case '+':
    case '=':
      return { zoom: 0.5 }
    case '-':
    case '_':
      return { zoom: 2 }
    case 'ArrowLeft':
      return { pan: -0.25 }
    case 'ArrowRight':
      return { pan: 0.25 }
    default:
      return null
  }
}
