import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './csp'

describe('contentSecurityPolicy', () => {
  it('allows scripts only from the app, never inline or eval', () => {
    const csp = contentSecurityPolicy()
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    expect(csp).toContain("object-src 'none'")
  })

  it('adds the given connect sources after self', () => {
    expect(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:5000'] })).toContain(
      "connect-src 'self' ws://127.0.0.1:5000",
    )
  })
})
