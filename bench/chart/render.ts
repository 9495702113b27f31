/** The render half of `npm run bench -- chart`: the Charts view's own chart code in Chromium. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import type { RenderTimings } from '../chart-render/harness'
import type { ChartOptions } from './options'
import { fmt, median } from '../bare-clients'

export interface RenderResult {
  series: number
  points: number
  width: number
  runs: number
  createMs: number
  updateMs: number
  rasterMs: number
  minMaxUpdateMs: number
}

export async function renderBench(o: ChartOptions): Promise<RenderResult> {
  const series = 4
  const points = 2000
  // Wide enough that each point gets its own pixel column: nothing is merged away.
  const width = 2100
  console.log(
    `Chart render in Chromium: ${series} series × ${points.toLocaleString('en')} points, ${width} px`,
  )
  const bundle = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(import.meta.dirname, '..', 'chart-render', 'harness.ts'),
        formats: ['iife'],
        name: 'ChartBench',
        fileName: () => 'harness.js',
      },
    },
  })
  const outputs = Array.isArray(bundle) ? bundle : [bundle]
  const chunk = outputs
    .flatMap((b) => ('output' in b ? b.output : []))
    .find((c) => c.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error('The render harness did not build')
  const css = await readFile(
    join(import.meta.dirname, '..', '..', 'node_modules', 'uplot', 'dist', 'uPlot.min.css'),
    'utf8',
  )
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage({
      viewport: { width: width + 100, height: 600 },
      deviceScaleFactor: 1,
    })
    await page.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div><script>${chunk.code}</script></body></html>`,
    )
    const run = (minMax: boolean) =>
      page.evaluate(([s, p, r, w, m]) => window.runChartBench(s, p, r, w, m), [
        series,
        points,
        o.renderRuns,
        width,
        minMax,
      ] as const)
    await run(false) // warm-up: JIT, fonts
    const plain: RenderTimings = await run(false)
    const band: RenderTimings = await run(true)
    const result: RenderResult = {
      series,
      points,
      width,
      runs: o.renderRuns,
      createMs: median(plain.create),
      updateMs: median(plain.update),
      rasterMs: median(plain.raster),
      minMaxUpdateMs: median(band.update),
    }
    const verdict = (ms: number) => (ms <= 16 ? 'ok' : 'OVER TARGET')
    console.log(
      `  first render (new uPlot + draw)   ${fmt(result.createMs)}  (target ≤ 16 ms: ${verdict(result.createMs)})`,
    )
    console.log(
      `  new data (setData + draw)         ${fmt(result.updateMs)}  (target ≤ 16 ms: ${verdict(result.updateMs)})`,
    )
    console.log(
      `  new data, rasterised              ${fmt(result.rasterMs)}  (target ≤ 16 ms: ${verdict(result.rasterMs)})`,
    )
    console.log(`  new data with min/max bands       ${fmt(result.minMaxUpdateMs)}`)
    return result
  } finally {
    await browser.close()
  }
}
