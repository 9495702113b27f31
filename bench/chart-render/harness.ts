/**
 * Runs in Chromium: renders the Charts view's uPlot chart from a reply of
 * `series` × `points` with the view's own code (toAlignedData,
 * buildChartOptions) and times it until uPlot's draw hook, and until the
 * canvas holds the pixels.
 */
import uPlot from 'uplot'
import type { ChartReply } from '../../shared/domain/chart'
import { toAlignedData } from '../../renderer/src/components/charts/chart-data'
import { buildChartOptions } from '../../renderer/src/components/charts/chart-options'
import { readChartTheme } from '../../renderer/src/components/charts/theme'

export interface RenderTimings {
  /** new uPlot(...) with data, until drawn. */
  create: number[]
  /** setData with new columns of the same shape (a zoom or live refresh), until drawn. */
  update: number[]
  /** update, until its pixels are rasterised (a 1-pixel read-back forces any deferred drawing). */
  raster: number[]
}

function fakeReply(series: number, points: number, seed: number): ChartReply {
  const start = Date.UTC(2026, 0, 1) / 1000
  const times = new Float64Array(points)
  for (let i = 0; i < points; i++) times[i] = start + i * 60
  let s = seed
  const random = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return s / 2_147_483_648
  }
  return {
    rollup: null,
    rollupNote: null,
    times,
    series: Array.from({ length: series }, (_, k) => {
      const values = new Float64Array(points)
      const min = new Float64Array(points)
      const max = new Float64Array(points)
      let v = 50 + k * 5
      for (let i = 0; i < points; i++) {
        v += random() - 0.5
        // A few gaps, as real data has.
        const gap = i % 500 > 495
        values[i] = gap ? Number.NaN : v
        min[i] = gap ? Number.NaN : v - random()
        max[i] = gap ? Number.NaN : v + random()
      }
      return { key: String(k + 1), label: `a · floor (#${k + 1})`, measure: 0, values, min, max }
    }),
    bucketSeconds: 60,
    bucketReason: 'auto',
    from: start * 1000,
    to: (start + points * 60) * 1000,
    timeZone: 'UTC',
    bucketFunction: 'time_bucket',
    coverage: [],
    sql: '',
    params: [],
    description: '',
    moreSeries: false,
    notes: [],
    points: series * points,
    rows: series * points,
    buckets: points,
    omittedSeries: 0,
    queryMs: 0,
  }
}

const nextFrame = () =>
  new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))

async function run(
  series: number,
  points: number,
  runs: number,
  width: number,
  minMax: boolean,
): Promise<RenderTimings> {
  const root = document.getElementById('root')
  if (!root) throw new Error('no #root')
  const theme = readChartTheme('light')
  const timings: RenderTimings = { create: [], update: [], raster: [] }
  for (let r = 0; r < runs; r++) {
    const reply = fakeReply(series, points, r + 1)
    let drawn: (t: number) => void = () => {}
    const onDraw = () => drawn(performance.now())
    const waitDraw = () => new Promise<number>((resolve) => (drawn = resolve))
    const options = buildChartOptions({
      reply,
      minMax,
      theme,
      width,
      height: 380,
      xRange: () => [reply.from / 1000, reply.to / 1000],
    })
    options.hooks = { ...options.hooks, draw: [onDraw] }
    await nextFrame()
    let started = performance.now()
    let done = waitDraw()
    const u = new uPlot(options, toAlignedData(reply, minMax), root)
    timings.create.push((await done) - started)

    const next = fakeReply(series, points, 1000 + r)
    await nextFrame()
    started = performance.now()
    done = waitDraw()
    u.setData(toAlignedData(next, minMax))
    timings.update.push((await done) - started)
    u.ctx.getImageData(0, 0, 1, 1)
    timings.raster.push(performance.now() - started)
    u.destroy()
  }
  return timings
}

declare global {
  interface Window {
    runChartBench: typeof run
  }
}
window.runChartBench = run
