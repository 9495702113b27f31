import { describe, expect, it } from 'vitest'
import { paintChunkMarks, type MarkCanvas } from './chunk-marks-plugin'

/** A canvas that records what is painted where. */
function recorder() {
  const ops: string[] = []
  const ctx = {
    save: () => ops.push('save'),
    restore: () => ops.push('restore'),
    beginPath: () => {},
    rect: (x: number, y: number, w: number, h: number) => ops.push(`clip ${x},${y},${w},${h}`),
    clip: () => {},
    fillRect: (x: number, y: number, w: number, h: number) => ops.push(`fill ${x},${y},${w},${h}`),
    setLineDash: () => {},
    moveTo: (x: number, y: number) => ops.push(`from ${x},${y}`),
    lineTo: (x: number, y: number) => ops.push(`to ${x},${y}`),
    stroke: () => {},
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
  }
  // The x scale is epoch seconds; 1 second = 1 canvas pixel, starting at 100 s = x 10.
  const u = {
    ctx: ctx as unknown as CanvasRenderingContext2D,
    bbox: { left: 10, top: 5, width: 400, height: 200 },
    valToPos: (v: number) => v - 90,
  } as unknown as MarkCanvas
  return { u, ops, ctx }
}

describe('Show chunks paints under the series', () => {
  it('a shaded span per compressed stretch and a dashed line per boundary, clipped to the plot', () => {
    const { u, ops, ctx } = recorder()
    paintChunkMarks(
      u,
      { boundaries: [200_000, 300_000], compressed: [{ from: 100_000, to: 200_000 }] },
      { boundary: 'gray', compressed: 'green' },
      2,
    )
    expect(ops).toEqual([
      'save',
      'clip 10,5,400,200',
      'fill 10,5,100,200',
      'from 110.5,5',
      'to 110.5,205',
      'from 210.5,5',
      'to 210.5,205',
      'restore',
    ])
    expect(ctx.lineWidth).toBe(2)
  })

  it('paints nothing but the clip when there are no marks', () => {
    const { u, ops } = recorder()
    paintChunkMarks(u, { boundaries: [], compressed: [] }, { boundary: 'g', compressed: 'c' }, 1)
    expect(ops).toEqual(['save', 'clip 10,5,400,200', 'restore'])
  })
})
