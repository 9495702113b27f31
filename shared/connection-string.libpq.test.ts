import { describe, expect, it } from 'vitest'
import { parseConnectionString, type ConnectionFields } from './connection-string'
import { AppError } from './errors'

/**
 * libpq's own URI test cases: every line of PostgreSQL's
 * src/interfaces/libpq/test/regress.in, with what libpq makes of it
 * (expected.out) and what the app does. Where the app differs from libpq it
 * is on purpose, and the reason is in the row:
 *
 * - no Unix sockets: where libpq would use its socket ("(local)"), the app
 *   connects to localhost, and a socket folder given as host is refused;
 * - a setting libpq does not know is refused, where libpq warns and ignores
 *   it: a typo in `sslmode` or `user` must not silently connect differently;
 * - hostaddr is noted and ignored: the host name is used.
 *
 * Every refusal is `malformed_url` with a message that repeats none of the input.
 */
type Expected = Partial<ConnectionFields> & { password?: string; note?: RegExp }
type Row = [uri: string, libpq: string, app: Expected | RegExp]

const SOCKET = /Unix socket/
const UNKNOWN_SETTING = /setting libpq does not know/
const OUT_OF_PLACE = /special meaning .* out of place/
const PERCENT = /must start a percent-encoded character/

const rows: Row[] = [
  [
    'postgresql://uri-user:secret@host:12345/db',
    "user='uri-user' password='secret' dbname='db' host='host' port='12345'",
    { user: 'uri-user', password: 'secret', database: 'db', host: 'host', port: 12345 },
  ],
  [
    'postgresql://uri-user@host:12345/db',
    "user='uri-user' dbname='db' host='host' port='12345'",
    { user: 'uri-user', database: 'db', host: 'host', port: 12345 },
  ],
  [
    'postgresql://uri-user@host/db',
    "user='uri-user' dbname='db' host='host'",
    { user: 'uri-user', database: 'db', host: 'host', port: 5432 },
  ],
  [
    'postgresql://host:12345/db',
    "dbname='db' host='host' port='12345'",
    { database: 'db', host: 'host', port: 12345, user: '' },
  ],
  ['postgresql://host/db', "dbname='db' host='host'", { database: 'db', host: 'host' }],
  [
    'postgresql://uri-user@host:12345/',
    "user='uri-user' host='host' port='12345'",
    { user: 'uri-user', host: 'host', port: 12345 },
  ],
  [
    'postgresql://uri-user@host/',
    "user='uri-user' host='host'",
    { user: 'uri-user', host: 'host' },
  ],
  [
    'postgresql://uri-user@',
    "user='uri-user' (local)",
    // libpq's rule: the database defaults to the user name.
    { user: 'uri-user', host: 'localhost', database: 'uri-user' },
  ],
  ['postgresql://host:12345/', "host='host' port='12345'", { host: 'host', port: 12345 }],
  ['postgresql://host:12345', "host='host' port='12345'", { host: 'host', port: 12345 }],
  ['postgresql://host/', "host='host'", { host: 'host', port: 5432 }],
  ['postgresql://host', "host='host'", { host: 'host', port: 5432 }],
  ['postgresql://', '(local)', { host: 'localhost', port: 5432, user: '', database: '' }],
  [
    'postgresql://?hostaddr=127.0.0.1',
    "hostaddr='127.0.0.1'",
    { host: 'localhost', note: /hostaddr is ignored/ },
  ],
  [
    'postgresql://example.com?hostaddr=63.1.2.4',
    "host='example.com' hostaddr='63.1.2.4'",
    { host: 'example.com', note: /hostaddr is ignored/ },
  ],
  ['postgresql://%68ost/', "host='host'", { host: 'host' }],
  [
    'postgresql://host/db?user=uri-user',
    "user='uri-user' dbname='db' host='host'",
    { user: 'uri-user', database: 'db', host: 'host' },
  ],
  [
    'postgresql://host/db?user=uri-user&port=12345',
    "user='uri-user' dbname='db' host='host' port='12345'",
    { user: 'uri-user', database: 'db', host: 'host', port: 12345 },
  ],
  [
    'postgresql://host/db?u%73er=someotheruser&port=12345',
    "user='someotheruser' dbname='db' host='host' port='12345'",
    { user: 'someotheruser', database: 'db', host: 'host', port: 12345 },
  ],
  [
    'postgresql://host/db?u%7aer=someotheruser&port=12345',
    'WARNING: ignoring unrecognized URI query parameter: uzer',
    UNKNOWN_SETTING,
  ],
  [
    'postgresql://host:12345?user=uri-user',
    "user='uri-user' host='host' port='12345'",
    { user: 'uri-user', host: 'host', port: 12345 },
  ],
  [
    'postgresql://host?user=uri-user',
    "user='uri-user' host='host'",
    { user: 'uri-user', host: 'host' },
  ],
  ['postgresql://host?', "host='host'", { host: 'host' }],
  [
    'postgresql://[::1]:12345/db',
    "dbname='db' host='::1' port='12345'",
    { database: 'db', host: '::1', port: 12345 },
  ],
  ['postgresql://[::1]/db', "dbname='db' host='::1'", { database: 'db', host: '::1' }],
  ['postgresql://[2001:db8::1234]/', "host='2001:db8::1234'", { host: '2001:db8::1234' }],
  // Not an IPv6 address, but libpq takes it as given and lets the name lookup fail.
  ['postgresql://[200z:db8::1234]/', "host='200z:db8::1234'", { host: '200z:db8::1234' }],
  ['postgresql://[::1]', "host='::1'", { host: '::1' }],
  ['postgres://', '(local)', { host: 'localhost' }],
  ['postgres:///', '(local)', { host: 'localhost' }],
  ['postgres:///db', "dbname='db' (local)", { host: 'localhost', database: 'db' }],
  [
    'postgres://uri-user@/db',
    "user='uri-user' dbname='db' (local)",
    { host: 'localhost', user: 'uri-user', database: 'db' },
  ],
  ['postgres://?host=/path/to/socket/dir', "host='/path/to/socket/dir' (local)", SOCKET],
  [
    'postgresql://host?uzer=',
    'WARNING: ignoring unrecognized URI query parameter: uzer',
    UNKNOWN_SETTING,
  ],
  [
    'postgre://',
    'missing "=" after "postgre://" in connection info string',
    /starting with postgresql:\/\/ or postgres:\/\//,
  ],
  [
    'postgres://[::1',
    "end of string reached when looking for matching ']' in IPv6 host address",
    /must end with "\]"/,
  ],
  ['postgres://[]', 'IPv6 host address may not be empty', /is empty/],
  ['postgres://[::1]z', "unexpected 'z' at position 17 (expecting ':' or '/')", /only ":port"/],
  ['postgresql://host?zzz', "missing key/value separator '=' in URI query parameter", OUT_OF_PLACE],
  [
    'postgresql://host?value1&value2',
    "missing key/value separator '=' in URI query parameter",
    OUT_OF_PLACE,
  ],
  [
    'postgresql://host?key=key=value',
    "extra key/value separator '=' in URI query parameter",
    OUT_OF_PLACE,
  ],
  ['postgres://host?dbname=%XXfoo', 'invalid percent-encoded token: %XXfoo', PERCENT],
  ['postgresql://a%00b', 'forbidden value %00 in percent-encoded value', /NUL character/],
  ['postgresql://%zz', 'invalid percent-encoded token: %zz', PERCENT],
  ['postgresql://%1', 'invalid percent-encoded token: %1', PERCENT],
  ['postgresql://%', 'invalid percent-encoded token: %', PERCENT],
  ['postgres://@host', "host='host'", { host: 'host', user: '' }],
  ['postgres://host:/', "host='host'", { host: 'host', port: 5432 }],
  ['postgres://:12345/', "port='12345' (local)", { host: 'localhost', port: 12345 }],
  [
    'postgres://otheruser@?host=/no/such/directory',
    "user='otheruser' host='/no/such/directory' (local)",
    SOCKET,
  ],
  [
    'postgres://otheruser@/?host=/no/such/directory',
    "user='otheruser' host='/no/such/directory' (local)",
    SOCKET,
  ],
  [
    'postgres://otheruser@:12345?host=/no/such/socket/path',
    "user='otheruser' host='/no/such/socket/path' port='12345' (local)",
    SOCKET,
  ],
  [
    'postgres://otheruser@:12345/db?host=/path/to/socket',
    "user='otheruser' dbname='db' host='/path/to/socket' port='12345' (local)",
    SOCKET,
  ],
  [
    'postgres://:12345/db?host=/path/to/socket',
    "dbname='db' host='/path/to/socket' port='12345' (local)",
    SOCKET,
  ],
  ['postgres://:12345?host=/path/to/socket', "host='/path/to/socket' port='12345' (local)", SOCKET],
  [
    'postgres://%2Fvar%2Flib%2Fpostgresql/dbname',
    "dbname='dbname' host='/var/lib/postgresql' (local)",
    SOCKET,
  ],
]

function outcome(uri: string) {
  try {
    return { parsed: parseConnectionString(uri) }
  } catch (error) {
    if (error instanceof AppError) return { error }
    throw error
  }
}

describe("parseConnectionString over libpq's URI regress cases (regress.in / expected.out)", () => {
  it('covers every line of regress.in', () => {
    // 57 lines, postgresql://host/db twice.
    expect(new Set(rows.map(([uri]) => uri)).size).toBe(56)
    expect(rows).toHaveLength(56)
  })

  it.each(rows)('%s (libpq: %s)', (uri, _libpq, app) => {
    const { parsed, error } = outcome(uri)
    if (app instanceof RegExp) {
      expect(error?.code, 'refused as malformed_url').toBe('malformed_url')
      expect(error?.message).toMatch(app)
      return
    }
    expect(error, error?.message).toBeUndefined()
    const { password, note, ...fields } = app
    expect(parsed?.fields).toMatchObject(fields)
    expect(parsed?.password).toBe(password)
    if (note) expect(parsed?.notes.join(' ')).toMatch(note)
  })

  it('never repeats any part of a refused string in the message', () => {
    for (const [uri, , app] of rows) {
      if (!(app instanceof RegExp)) continue
      const message = outcome(`${uri}`).error?.message ?? ''
      for (const piece of ['uzer', 'zzz', 'value1', '%XXfoo', 'a%00b', '/path/to/socket']) {
        if (uri.includes(piece)) expect(message, uri).not.toContain(piece)
      }
    }
  })
})

describe('NUL, which libpq refuses in every form', () => {
  it.each(['host=h user=u\u0000x', 'postgresql://u%00x@h/d', 'postgresql://u:p%00w@h/d'])(
    '%j',
    (text) => {
      expect(outcome(text).error).toMatchObject({
        code: 'malformed_url',
        message: expect.stringMatching(/NUL character/),
      })
    },
  )
})
