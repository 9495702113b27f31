import { useSyncExternalStore } from 'react'

/** Colours uPlot paints with; canvas cannot read CSS variables, so we read them once per theme. */
export interface ChartTheme {
  scheme: 'light' | 'dark'
  text: string
  muted: string
  grid: string
  background: string
  series: string[]
  font: string
}

const FALLBACK_SERIES = ['#2f6fde', '#d9480f', '#2b8a3e', '#ae3ec9', '#e67700', '#0c8599']

export function readChartTheme(scheme: 'light' | 'dark', root?: HTMLElement): ChartTheme {
  const style = root ? getComputedStyle(root) : null
  const v = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback
  const series: string[] = []
  for (let i = 1; i <= 8; i++) {
    const color = v(`--series-${i}`, '')
    if (color) series.push(color)
  }
  return {
    scheme,
    text: v('--text', '#1b1f27'),
    muted: v('--muted', '#5d6675'),
    grid: v('--chart-grid', 'rgba(128,128,128,0.18)'),
    background: v('--panel', '#ffffff'),
    series: series.length > 0 ? series : FALLBACK_SERIES,
    font: '12px system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif',
  }
}

const darkQuery = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(darkQuery)
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

/** The OS colour scheme, live: the chart repaints when it changes. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(darkQuery).matches ? 'dark' : 'light'),
    () => 'light',
  )
}

/** A #rrggbb colour with transparency, for the min/max band. */
export function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim())?.[1]
  if (!hex) return color
  const n = Number.parseInt(hex, 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}
