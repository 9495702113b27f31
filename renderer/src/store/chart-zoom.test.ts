import { describe, expect, it } from 'vitest'
import {
  keyStep,
  MIN_ZOOM_MS,
  panned,
  scaled,
  selection,
  zoomedIn,
  zoomedOut,
  type ZoomState,
} from './chart-zoom'

const whole: ZoomState = { zoom: null, history: [] }
const a = { from: 0, to: 1_000_000 }
const b = { from: 200_000, to: 400_000 }
const c = { from: 250_000, to: 300_000 }

describe('zoom history', () => {
  it('zooming out goes back one step at a time, then to the whole range', () => {
    const three = zoomedIn(zoomedIn(zoomedIn(whole, a), b), c)
    expect(three).toEqual({ zoom: c, history: [null, a, b] })
    const two = zoomedOut(three)
    expect(two).toEqual({ zoom: b, history: [null, a] })
    expect(zoomedOut(two)).toEqual({ zoom: a, history: [null] })
    expect(zoomedOut(zoomedOut(two))).toEqual(whole)
    expect(zoomedOut(whole)).toEqual(whole)
  })

  it('a zoom reset elsewhere (new range) starts the history afresh', () => {
    const stale: ZoomState = { zoom: null, history: [null, a, b] }
    expect(zoomedIn(stale, c)).toEqual({ zoom: c, history: [null] })
  })
})

describe('keyboard steps', () => {
  it('+ halves the window about its centre, − doubles it, never under the minimum', () => {
    expect(scaled(a, 0.5)).toEqual({ from: 250_000, to: 750_000 })
    expect(scaled(a, 2)).toEqual({ from: -500_000, to: 1_500_000 })
    const tiny = scaled({ from: 100_000, to: 102_000 }, 0.5)
    expect(tiny.to - tiny.from).toBe(MIN_ZOOM_MS)
    expect(selection(100_000, 100_002).to - selection(100_000, 100_002).from).toBe(MIN_ZOOM_MS)
  })

  it('← and → move the window by a quarter of its width', () => {
    expect(panned(a, 0.25)).toEqual({ from: 250_000, to: 1_250_000 })
    expect(panned(a, -0.25)).toEqual({ from: -250_000, to: 750_000 })
  })

  it('maps the keys, and leaves other keys alone', () => {
    expect(keyStep('+')).toEqual({ zoom: 0.5 })
    expect(keyStep('=')).toEqual({ zoom: 0.5 })
    expect(keyStep('-')).toEqual({ zoom: 2 })
    expect(keyStep('ArrowLeft')).toEqual({ pan: -0.25 })
    expect(keyStep('ArrowRight')).toEqual({ pan: 0.25 })
    expect(keyStep('Tab')).toBeNull()
    expect(keyStep('a')).toBeNull()
  })
})
