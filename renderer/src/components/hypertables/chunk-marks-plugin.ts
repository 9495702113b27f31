/**
 * "Show chunks" on a chart: a uPlot plugin that paints, under the series,
 * compressed chunks as shaded spans and every chunk boundary as a dashed line.
 * The marks are read on each draw, so a new reading needs only a redraw.
 */
import type uPlot from 'uplot'
import type { ChartChunkMarks } from './chunk-layout'

export interface ChunkMarkColors {
  boundary: string
  compressed: string
}

/** The part of uPlot the plugin draws with (so it is tested without a canvas). */
export type MarkCanvas = Pick<uPlot, 'ctx' | 'bbox' | 'valToPos'>

/** Paints the marks on the plot area; times are epoch ms, the x scale epoch seconds. */
export function paintChunkMarks(
  u: MarkCanvas,
  marks: ChartChunkMarks,
  colors: ChunkMarkColors,
  pxRatio: number,
): void {
  const { ctx } = u
  const { left, top, width, height } = u.bbox
  const x = (ms: number) => u.valToPos(ms / 1000, 'x', true)
  ctx.save()
  ctx.beginPath()
  ctx.rect(left, top, width, height)
  ctx.clip()
  ctx.fillStyle = colors.compressed
  for (const span of marks.compressed) {
    const x0 = x(span.from)
    ctx.fillRect(x0, top, Math.max(1, x(span.to) - x0), height)
  }
  ctx.strokeStyle = colors.boundary
  ctx.lineWidth = pxRatio
  ctx.setLineDash([4 * pxRatio, 4 * pxRatio])
  for (const edge of marks.boundaries) {
    const at = Math.round(x(edge)) + 0.5
    ctx.beginPath()
    ctx.moveTo(at, top)
    ctx.lineTo(at, top + height)
    ctx.stroke()
  }
  ctx.restore()
}

export function chunkMarksPlugin(
  marks: () => ChartChunkMarks | null,
  colors: ChunkMarkColors,
  pxRatio: () => number,
): uPlot.Plugin {
  return {
    hooks: {
      // After the canvas is cleared and before axes and series: the marks lie beneath.
      drawClear: [
        (u) => {
          const current = marks()
          if (current) paintChunkMarks(u, current, colors, pxRatio())
        },
      ],
    },
  }
}
