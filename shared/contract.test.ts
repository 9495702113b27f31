import { describe, expect, it } from 'vitest'
import { consoleCalls } from './calls/console'
import { exploreCalls } from './calls/explore'
import { hypertableCalls } from './calls/hypertables'
import { quickStartCalls } from './calls/quick-start'
import { callNames } from './contract'

describe('the contract joined from its domains', () => {
  it('has every domain call once: no domain silently replaces another one', () => {
    const domains = [quickStartCalls, hypertableCalls, consoleCalls, exploreCalls]
    const names = domains.flatMap((domain) => Object.keys(domain))
    expect(new Set(names).size).toBe(names.length)
    expect([...callNames].sort()).toEqual([...names].sort())
  })
})
