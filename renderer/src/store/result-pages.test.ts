import { describe, expect, it } from 'vitest'
import { ResultPages } from './result-pages'

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => [String(from + i)])

describe('ResultPages', () => {
  it('knows the total from a short first page', () => {
    const pages = new ResultPages(rows(0, 3), null, 10)
    expect(pages.total).toBe(3)
    expect(pages.rowCount).toBe(3)
    expect(pages.claim(0, 3)).toEqual([])
  })

  it('grows by a page while the end is unknown, and asks for each missing page once', () => {
    const pages = new ResultPages(rows(0, 10), null, 10)
    expect(pages.rowCount).toBe(20)
    expect(pages.claim(5, 20)).toEqual([1])
    expect(pages.claim(5, 20)).toEqual([])
    pages.put(1, rows(10, 10), null)
    expect(pages.rowCount).toBe(30)
    expect(pages.row(15)).toEqual(['15'])
    pages.put(2, rows(20, 4), null)
    expect(pages.total).toBe(24)
    expect(pages.complete).toBe(true)
  })

  it('keeps at most maxPages, dropping the least recently used, and fetches them again', () => {
    const pages = new ResultPages(rows(0, 10), 100, 10, 3)
    for (const page of [1, 2, 3]) pages.put(page, rows(page * 10, 10), 100)
    expect(pages.cachedPages).toBe(3)
    expect(pages.row(0)).toBeUndefined()
    expect(pages.claim(0, 10)).toEqual([0])
    pages.row(15)
    pages.put(0, rows(0, 10), 100)
    expect(pages.row(25)).toBeUndefined()
    expect(pages.row(15)).toEqual(['15'])
  })

  it('lets a failed page be asked for again', () => {
    const pages = new ResultPages(rows(0, 10), 50, 10)
    expect(pages.claim(30, 40)).toEqual([3])
    pages.put(3, null, null)
    expect(pages.claim(30, 40)).toEqual([3])
  })
})
