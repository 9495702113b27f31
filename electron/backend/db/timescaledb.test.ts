import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { fromServerError } from './errors'
import { explainEnableError, needsFreshSession } from './timescaledb'

const who = { user: 'app', database: 'tsdb' }

describe('explainEnableError', () => {
  it('turns 42501 into "permission denied" that names the user, the database and the fix', () => {
    const error = explainEnableError(
      fromServerError({
        code: '42501',
        message: 'permission denied to create extension "timescaledb"',
        hint: 'Must be superuser to create this extension.',
      }),
      who,
    )
    expect(error.code).toBe('permission_denied')
    expect(error.message).toMatch(
      /^Permission denied: user "app" may not create the timescaledb extension in database "tsdb"/,
    )
    expect(error.message).toMatch(/Must be superuser/)
  })

  it('says when the server has no TimescaleDB at all', () => {
    const error = explainEnableError(
      fromServerError({ code: '0A000', message: 'extension "timescaledb" is not available' }),
      who,
    )
    expect(error).toMatchObject({ code: 'not_found' })
    expect(error.message).toMatch(/not installed on this server/)
  })

  it('says when the library is installed but not preloaded', () => {
    const error = explainEnableError(
      fromServerError({
        code: '55000',
        message: 'extension "timescaledb" must be preloaded',
        hint: 'Please preload the timescaledb library via shared_preload_libraries.',
      }),
      who,
    )
    expect(error.message).toMatch(/add timescaledb to shared_preload_libraries/)
  })

  it('keeps any other server error, prefixed', () => {
    const error = explainEnableError(new AppError('server_error', 'disk full'), who)
    expect(error.message).toBe('Could not enable TimescaleDB: disk full')
  })
})

describe('needsFreshSession', () => {
  it('recognises the loader refusing CREATE EXTENSION after a DROP in the same session', () => {
    expect(
      needsFreshSession(
        fromServerError({
          code: '42710',
          message: 'extension "timescaledb" has already been loaded with another version',
        }),
      ),
    ).toBe(true)
    expect(needsFreshSession(fromServerError({ code: '42710', message: 'role exists' }))).toBe(
      false,
    )
  })
})
