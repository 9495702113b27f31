import { describe, expect, it } from 'vitest'
import { fromPgError } from './pg/pg-errors'
import { fromServerError, isPgError } from './errors'

/** A Node system error as a socket raises it (e.g. writing to a connection the network cut). */
function systemError(code: string, syscall = 'write'): Error {
  return Object.assign(new Error(`${syscall} ${code}`), { code, errno: -32, syscall })
}

function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' })
}

describe('isPgError', () => {
  it('takes a SQLSTATE for the server’s, and a socket’s EPIPE (also five capitals) for not', () => {
    expect(isPgError(serverError('57P01', 'terminating connection'))).toBe(true)
    expect(isPgError(serverError('XX000', 'internal error'))).toBe(true)
    expect(isPgError(systemError('EPIPE'))).toBe(false)
    expect(isPgError(systemError('EBADF', 'read'))).toBe(false)
  })
})

describe('fromPgError', () => {
  it('calls a cut connection a lost connection, whatever the socket said', () => {
    for (const error of [
      systemError('EPIPE'),
      systemError('ECONNRESET', 'read'),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(fromPgError(error), error.message).toMatchObject({
        code: 'connection_lost',
        message:
          'The connection to the server was lost (the server closed it or the network dropped). Nothing was committed; try again.',
      })
    }
  })

  it('keeps the server’s words for the server’s errors', () => {
    expect(
      fromPgError(serverError('57P01', 'terminating connection due to administrator command')),
    ).toMatchObject({
      code: 'connection_lost',
      message: 'terminating connection due to administrator command',
    })
    expect(fromPgError(serverError('22P02', 'invalid input syntax'))).toMatchObject({
      code: 'bad_data',
    })
  })
})

describe('fromServerError', () => {
  it('says what to do when the statement timeout stopped a query', () => {
    const error = fromServerError({
      code: '57014',
      message: 'canceling statement due to statement timeout',
    })
    expect(error.code).toBe('timeout')
    expect(error.message).toBe(
      'canceling statement due to statement timeout — The query ran longer than the statement timeout, so the server stopped it and nothing was changed. Try a shorter time range, or again when the database is less busy.',
    )
    expect(
      fromServerError({ code: '57014', message: 'canceling statement due to user request' }),
    ).toMatchObject({ code: 'cancelled', message: 'canceling statement due to user request' })
  })

  it('cuts each part of a huge error, so message, detail, hint and where all survive in a few KB', () => {
    const huge = (tag: string) => tag.repeat(5_000_000)
    const error = fromServerError({
      code: '22P02',
      message: `bad: ${huge('m')}`,
      detail: huge('d'),
      hint: huge('h'),
      where: `COPY sensor_data, line 7, column time: "${huge('w')}"`,
    })
    expect(error.message.length).toBeLessThan(3200)
    expect(error.message).toMatch(
      /^bad: m+… \[cut: 5,000,005 characters in all\] — d+… \[cut: 5,000,000 characters in all\] — Hint: h+… \[cut: 5,000,000 characters in all\]$/,
    )
    expect(error.detail).toMatchObject({ line: 7, sqlstate: '22P02' })
    expect(String(error.detail?.where).length).toBeLessThan(600)
  })
})
