import { describe, expect, it } from 'vitest'
import type { ChartReply } from '../../../../shared/domain/chart'
import { buildChartOptions } from './chart-options'
import { chartName, exportTitle, filtersText } from './chart-title'
import { readChartTheme } from './theme'

const from = Date.UTC(2026, 0, 10, 0, 0)
const reply = {
  from,
  to: from + 12 * 3_600_000,
  timeZone: 'Asia/Kolkata',
  bucketSeconds: 300,
  description:
    'avg(temperature) of public.sensor_data by sensor_id per 5 minutes of time (time_bucket)',
  series: [{ label: 'a · floor (#1)' }, { label: 'b · ceiling (#4)' }],
} as ChartReply

describe('what a chart is, in words', () => {
  it('names the chart by its metric, range in the display zone, and series', () => {
    const name = chartName(reply, 'avg(temperature)')
    expect(name).toMatch(/^Time chart of avg\(temperature\), /)
    // 00:00 UTC is 05:30 in Kolkata; the zone is named.
    expect(name).toMatch(
      /5:30.* to .*(17|5):30.*\(Asia\/Kolkata\), 2 series: a · floor \(#1\), b · ceiling \(#4\)$/,
    )
  })

  it('gives an exported PNG a title: metric, filters, range, bucket, time zone', () => {
    const title = exportTitle(reply, {
      filters: [
        { column: { via: 'sensor_id', column: 'type' }, values: ['a'] },
        { column: { column: 'sensor_id' }, values: ['1', '2', null] },
      ],
    })
    expect(title[0]).toBe(reply.description)
    expect(title[1]).toBe('Filters: sensor_id → type in a; sensor_id in 1, 2, NULL')
    expect(title[2]).toMatch(
      /^Range: .*5:30.* \(Asia\/Kolkata\) · bucket 5 minutes · time zone Asia\/Kolkata$/,
    )
    expect(filtersText({ filters: [] })).toBe('no filters')
  })
})

describe('the y axis', () => {
  it('names the metric drawn', () => {
    const options = buildChartOptions({
      reply: { ...reply, series: [], times: new Float64Array(0) },
      minMax: false,
      theme: readChartTheme('light'),
      yLabel: 'avg(temperature), max(cpu)',
      width: 600,
      height: 300,
      xRange: () => [0, 1],
    })
    expect(options.axes?.[1]?.label).toBe('avg(temperature), max(cpu)')
  })
})
