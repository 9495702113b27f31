import { describe, expect, it } from 'vitest'
import { Redactor } from './redactor'

describe('Redactor', () => {
  it('blanks every occurrence of a registered secret, raw or URL-encoded', () => {
    const r = new Redactor()
    r.add('s3cr3t/pw!')
    expect(r.redact('a s3cr3t/pw! b s3cr3t/pw!')).toBe('a •••• b ••••')
    expect(r.redact('postgres://u:s3cr3t%2Fpw!@h/db')).toBe('postgres://u:••••@h/db')
  })

  it('leaves text alone when no secret is present, and ignores tiny secrets', () => {
    const r = new Redactor()
    r.add('ab')
    r.add(undefined)
    expect(r.redact('about abc')).toBe('about abc')
  })
})
