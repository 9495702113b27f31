import { describe, expect, it, vi } from 'vitest'
import {
  formatConnectionUrl,
  parseConnectionString,
  type ConnectionFields,
} from './connection-string'
import { AppError } from './errors'

const fields = (text: string) => parseConnectionString(text).fields

function failure(text: string): AppError {
  try {
    parseConnectionString(text)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error(`expected "${text}" to be rejected`)
}

describe('parseConnectionString: libpq URI examples (libpq-connect, 34.1.1.2)', () => {
  it.each([
    ['postgresql://', { host: 'localhost', port: 5432, user: '', database: '' }],
    ['postgresql://localhost', { host: 'localhost', port: 5432 }],
    ['postgresql://localhost:5433', { host: 'localhost', port: 5433 }],
    ['postgresql://localhost/mydb', { host: 'localhost', database: 'mydb' }],
    ['postgresql://user@localhost', { user: 'user', database: 'user' }],
    ['postgresql://user:secret@localhost', { user: 'user', host: 'localhost' }],
    [
      'postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp',
      { user: 'other', database: 'otherdb', connectTimeoutSeconds: 10 },
    ],
    ['postgresql:///mydb?host=localhost&port=5433', { host: 'localhost', port: 5433 }],
    ['postgresql://[2001:db8::1234]/database', { host: '2001:db8::1234', database: 'database' }],
    ['postgres://u@[::1]:6543/d', { host: '::1', port: 6543, user: 'u' }],
  ])('%s', (url, expected) => {
    expect(fields(url)).toMatchObject(expected)
  })

  it('reads the password only from the user-info part', () => {
    expect(parseConnectionString('postgresql://user:secret@localhost').password).toBe('secret')
    expect(parseConnectionString('postgresql://user@localhost').password).toBeUndefined()
  })

  it('decodes percent-encoded user names, passwords and database names', () => {
    const parsed = parseConnectionString(
      'postgres://me%40corp:p%40ss%3Aw%2Fd@db.example.com/my%20db',
    )
    expect(parsed.fields).toMatchObject({ user: 'me@corp', database: 'my db' })
    expect(parsed.password).toBe('p@ss:w/d')
  })

  it('rejects a list of hosts and a Unix socket folder, which we cannot use', () => {
    expect(
      failure('postgresql://host1:123,host2:456/somedb?target_session_attrs=any'),
    ).toMatchObject({ code: 'malformed_url', message: expect.stringMatching(/several hosts/) })
    expect(failure('postgresql:///dbname?host=/var/lib/postgresql').message).toMatch(/Unix socket/)
    expect(failure('postgresql://%2Fvar%2Flib%2Fpostgresql/dbname').message).toMatch(/Unix socket/)
  })
})

describe('parseConnectionString: key=value (libpq-connect, 34.1.1.1)', () => {
  it("reads libpq's example", () => {
    expect(fields('host=localhost port=5432 dbname=mydb connect_timeout=10')).toEqual({
      host: 'localhost',
      port: 5432,
      database: 'mydb',
      user: '',
      sslmode: 'prefer',
      connectTimeoutSeconds: 10,
    })
  })

  it("reads the issue's cloud example, with sslmode and password", () => {
    const parsed = parseConnectionString(
      'dbname=tsdb user=tsdbadmin password=secret host=host.com port=5432 sslmode=require',
    )
    expect(parsed.fields).toEqual({
      host: 'host.com',
      port: 5432,
      database: 'tsdb',
      user: 'tsdbadmin',
      sslmode: 'require',
      connectTimeoutSeconds: 10,
    })
    expect(parsed.password).toBe('secret')
  })

  it('reads quoted values with spaces and escaped quotes', () => {
    const parsed = parseConnectionString(`user='my name' password='it\\'s a secret' host=h`)
    expect(parsed.fields.user).toBe('my name')
    expect(parsed.password).toBe("it's a secret")
  })

  it('never takes a bare word for a database name (unlike pg-connection-string)', () => {
    expect(failure('mydb')).toMatchObject({ code: 'malformed_url' })
  })
})

describe('parseConnectionString: TLS settings', () => {
  it.each(['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const)(
    'sslmode=%s is kept as given',
    (mode) => {
      expect(fields(`postgresql://u@h/d?sslmode=${mode}`).sslmode).toBe(mode)
      expect(fields(`host=h user=u sslmode=${mode}`).sslmode).toBe(mode)
    },
  )

  it('defaults to prefer, as libpq does', () => {
    expect(fields('postgresql://u@h/d').sslmode).toBe('prefer')
  })

  it('maps allow and no-verify to our nearest mode, and says so', () => {
    const allow = parseConnectionString('postgresql://u@h/d?sslmode=allow')
    expect(allow.fields.sslmode).toBe('prefer')
    expect(allow.notes.join(' ')).toMatch(/allow/)
    expect(fields('postgresql://u@h/d?sslmode=no-verify').sslmode).toBe('require')
  })

  it('never opens sslrootcert: it becomes a note, even with an unencoded path', () => {
    const parsed = parseConnectionString(
      'postgresql://u@h/d?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem',
    )
    expect(parsed.fields.sslmode).toBe('verify-full')
    expect(parsed.notes.join(' ')).toMatch(/never opens files/)
    expect(parsed.fields).not.toHaveProperty('sslrootcert')
  })

  it('rejects an unknown sslmode, naming the valid ones', () => {
    expect(failure('postgresql://u@h/d?sslmode=sometimes').message).toMatch(
      /disable, prefer, require, verify-ca, verify-full/,
    )
  })
})

describe('parseConnectionString: errors never repeat the input', () => {
  const secret = 'hunter2-canary'
  it.each([
    `postgres://user:${secret}@host:notaport/db`,
    `postgres://user:${secret}@@host/db`,
    `postgres://user:${secret}%zz@host/db`,
    `password=${secret} user`,
    `password=${secret} some thing=else`,
    `postgresql://u:${secret}@h/d?bogus_setting=${secret}`,
    `${secret}`,
  ])('%s', (text) => {
    const error = failure(text)
    expect(error.code).toBe('malformed_url')
    expect(error.message).not.toContain(secret)
    expect(error.message).not.toContain('hunter')
  })

  it('ignores PG* environment variables (the string alone decides)', () => {
    vi.stubEnv('PGPASSWORD', 'from-env')
    vi.stubEnv('PGDATABASE', 'env-db')
    try {
      const parsed = parseConnectionString('postgresql://u@h')
      expect(parsed.password).toBeUndefined()
      expect(parsed.fields.database).toBe('u')
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe('formatConnectionUrl', () => {
  const base: ConnectionFields = {
    host: 'db.example.com',
    port: 5432,
    database: 'tsdb',
    user: 'tsdbadmin',
    sslmode: 'require',
    connectTimeoutSeconds: 10,
  }

  it('writes a libpq URL without any password', () => {
    expect(formatConnectionUrl(base)).toBe(
      'postgresql://tsdbadmin@db.example.com:5432/tsdb?sslmode=require',
    )
  })

  it('encodes special characters, brackets IPv6 hosts, keeps a non-default timeout', () => {
    const url = formatConnectionUrl({
      ...base,
      user: 'me@corp',
      database: 'my db/1',
      host: '2001:db8::1',
      connectTimeoutSeconds: 3,
    })
    expect(url).toBe(
      'postgresql://me%40corp@[2001:db8::1]:5432/my%20db%2F1?sslmode=require&connect_timeout=3',
    )
  })

  it.each([
    base,
    { ...base, user: 'a:b@c', database: 'd?e&f=g', host: '::1', sslmode: 'verify-full' as const },
    { ...base, port: 6543, sslmode: 'disable' as const, connectTimeoutSeconds: 42 },
  ])('round-trips through parseConnectionString (%#)', (f) => {
    expect(fields(formatConnectionUrl(f))).toEqual(f)
  })
})
