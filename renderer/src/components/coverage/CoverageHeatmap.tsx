import { useEffect, useMemo, useRef, useState } from 'react'
import type { CoverageRow } from '../../../../shared/domain/chart'
import { formatCount, formatTime } from '../../format'
import { useStore } from '../../store'
import { useColorScheme } from '../charts/theme'
import { coverageLine, describeLine, type CellKind, type CoverageLine } from './coverage-cells'

export const COVERAGE_ROW_HEIGHT = 18

interface Props {
  /** Bucket starts, epoch seconds (the chart reply's times). */
  times: Float64Array
  coverage: CoverageRow[]
}

interface Palette {
  ok: string
  gap: string
  low: string
  high: string
  background: string
}

function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement)
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    ok: v('--accent', '#2f6fde'),
    gap: v('--danger', '#c62f3b'),
    low: v('--warn', '#b26b00'),
    high: v('--coverage-high', '#ae3ec9'),
    background: v('--panel', '#ffffff'),
  }
}

const kindWords: Record<CellKind, string> = {
  gap: 'no rows',
  low: 'under half the usual',
  ok: 'as usual',
  high: 'over one and a half times the usual',
}

function draw(
  canvas: HTMLCanvasElement,
  lines: CoverageLine[],
  buckets: number,
  width: number,
  palette: Palette,
) {
  const ratio = window.devicePixelRatio || 1
  const height = lines.length * COVERAGE_ROW_HEIGHT
  canvas.width = Math.round(width * ratio)
  canvas.height = Math.round(height * ratio)
  canvas.style.width = `${width}px`
  canvas.style.height = `${height}px`
  const ctx = canvas.getContext('2d')
  if (!ctx || buckets === 0) return
  ctx.scale(ratio, ratio)
  ctx.fillStyle = palette.background
  ctx.fillRect(0, 0, width, height)
  const cell = width / buckets
  lines.forEach((line, r) => {
    const y = r * COVERAGE_ROW_HEIGHT + 1
    for (let i = 0; i < buckets; i++) {
      const kind = line.kinds[i] ?? 'gap'
      ctx.globalAlpha = kind === 'ok' ? 0.25 + 0.75 * (line.shades[i] ?? 0) : 0.9
      ctx.fillStyle = palette[kind]
      // Neighbouring cells overlap by a fraction of a pixel so no hairline shows between them.
      ctx.fillRect(i * cell, y, Math.max(cell, 1) + 0.5, COVERAGE_ROW_HEIGHT - 2)
    }
  })
  ctx.globalAlpha = 1
}

/**
 * Rows per bucket per series, from the chart query's own counts: a gap, an
 * outage or a double send shows as a cell unlike its row. Each row is judged
 * against its own usual count, so a sensor sampled every second and one
 * sampled every minute read alike.
 */
export function CoverageHeatmap({ times, coverage }: Props) {
  const lines = useMemo(() => coverage.map(coverageLine), [coverage])
  const canvas = useRef<HTMLCanvasElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  const [hover, setHover] = useState<string | null>(null)
  const scheme = useColorScheme()
  const timeZone = useStore((s) => s.timeZone)

  useEffect(() => {
    const el = box.current
    if (!el) return
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    setWidth(el.clientWidth)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    if (canvas.current && width > 0) {
      draw(canvas.current, lines, times.length, width, readPalette())
    }
  }, [lines, times, width, scheme])

  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect()
    const i = Math.floor(((event.clientX - rect.left) / rect.width) * times.length)
    const line = lines[Math.floor((event.clientY - rect.top) / COVERAGE_ROW_HEIGHT)]
    const start = times[i]
    if (!line || start === undefined) return setHover(null)
    const count = coverage[lines.indexOf(line)]?.counts[i] ?? 0
    const kind = line.kinds[i] ?? 'gap'
    setHover(
      `${line.label}, ${formatTime(start * 1000, timeZone)}: ${formatCount(count)} rows (${kindWords[kind]})`,
    )
  }

  if (coverage.length === 0 || times.length === 0) {
    return <p className="chart-nodata muted">No buckets in this range: nothing to cover.</p>
  }
  const summary = lines.map((l) => describeLine(l, times.length))
  return (
    <section className="coverage" aria-label="Coverage">
      <div className="coverage-grid">
        <ul className="coverage-labels" aria-hidden="true">
          {lines.map((l) => (
            <li key={l.key} style={{ height: COVERAGE_ROW_HEIGHT }} title={l.label}>
              {l.label}
            </li>
          ))}
        </ul>
        <div ref={box} className="coverage-cells">
          <canvas
            ref={canvas}
            role="img"
            aria-label={`Rows per bucket: ${summary.join('; ')}`}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
          />
        </div>
      </div>
      <p className="coverage-hover" aria-live="polite">
        {hover ?? 'Point at a cell to see its bucket and rows.'}
      </p>
      <ul className="coverage-legend">
        <li className="coverage-key ok">as usual (darker: more rows)</li>
        <li className="coverage-key gap">no rows</li>
        <li className="coverage-key low">under half the usual</li>
        <li className="coverage-key high">over 1.5× the usual (double sends)</li>
      </ul>
      <ul className="coverage-summary">
        {summary.map((text, i) => (
          <li key={lines[i]?.key ?? i}>{text}</li>
        ))}
      </ul>
    </section>
  )
}
