import type uPlot from 'uplot'
import type { ChartReply } from '../../../../shared/domain/chart'
import { withPngText } from '../../../../shared/png-text'
import { toCsv } from './chart-data'
import { seriesColor } from './chart-options'
import type { ChartTheme } from './theme'

/** Saves a blob the way a browser download does (Electron shows its save dialog). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** "weather-temp_c-2026-01-10-00-00.csv": the table, the first measure, the range's start. */
export function exportName(reply: ChartReply, subject: string, extension: string): string {
  const stamp = new Date(reply.from).toISOString().slice(0, 16).replace(/[:T]/g, '-')
  // A file name keeps letters, digits, dot, dash and underscore of the subject.
  const safe = subject.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'chart'
  return `${safe}-${stamp}.${extension}`
}

export function exportCsv(reply: ChartReply, minMax: boolean, subject: string): void {
  download(
    new Blob([toCsv(reply, minMax)], { type: 'text/csv;charset=utf-8' }),
    exportName(reply, subject, 'csv'),
  )
}

/**
 * The chart's canvas (plot and axes) on the theme's background, under its
 * title (what, filters, range, bucket, time zone: also kept as the PNG's
 * "Title" text) and over its legend, since uPlot's canvas holds neither.
 */
export async function exportPng(
  u: uPlot,
  reply: ChartReply,
  theme: ChartTheme,
  subject: string,
  title: string[],
): Promise<void> {
  const source = u.ctx.canvas
  const ratio = pixelRatio(source, u)
  const rowHeight = 22 * ratio
  const titleHeight = (title.length * rowHeight + 12 * ratio) | 0
  const legendHeight = (reply.series.length * rowHeight + 16 * ratio) | 0
  const canvas = document.createElement('canvas')
  canvas.width = source.width
  canvas.height = titleHeight + source.height + legendHeight
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('This browser cannot draw a PNG (no 2D canvas).')
  ctx.fillStyle = theme.background
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(source, 0, titleHeight)
  ctx.font = theme.font.replace(/^(\d+)px/, (_, px: string) => `${Number(px) * ratio}px`)
  ctx.textBaseline = 'middle'
  ctx.fillStyle = theme.text
  title.forEach((line, i) => {
    ctx.fillText(
      line,
      16 * ratio,
      8 * ratio + i * rowHeight + rowHeight / 2,
      canvas.width - 32 * ratio,
    )
  })
  reply.series.forEach((s, i) => {
    const y = titleHeight + source.height + 8 * ratio + i * rowHeight + rowHeight / 2
    ctx.fillStyle = seriesColor(theme, i)
    ctx.fillRect(16 * ratio, y - 5 * ratio, 10 * ratio, 10 * ratio)
    ctx.fillStyle = theme.text
    ctx.fillText(s.label, 34 * ratio, y)
  })
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('The chart could not be turned into a PNG.')
  const png = withPngText(new Uint8Array(await blob.arrayBuffer()), 'Title', title.join('\n'))
  download(new Blob([png], { type: 'image/png' }), exportName(reply, subject, 'png'))
}

/** Canvas pixels per CSS pixel of this plot. */
function pixelRatio(canvas: HTMLCanvasElement, u: uPlot): number {
  return u.width > 0 ? canvas.width / u.width : 1
}
