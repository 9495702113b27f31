import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface TestCertificates {
  dir: string
  caCertPem: string
  /** A CA that did not sign the server's certificate. */
  otherCaCertPem: string
  serverCertFile: string
  serverKeyFile: string
}

/**
 * A throwaway CA and a server certificate for "localhost" only (no IP SAN), so
 * verify-full passes for host "localhost" and fails for "127.0.0.1".
 */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const p = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir })
  /** A self-signed CA certificate (and its key) named `name`.crt / .key. */
  const makeCa = (name: string, subject: string) =>
    openssl(
      'req',
      '-x509',
      '-new',
      '-nodes',
      '-newkey',
      'rsa:2048',
      '-days',
      '3',
      '-keyout',
      p(`${name}.key`),
      '-out',
      p(`${name}.crt`),
      '-subj',
      subject,
    )
  await makeCa('ca', '/CN=TSDB Explorer Test CA')
  await makeCa('other-ca', '/CN=Some Other CA')
  await openssl(
    'req',
    '-new',
    '-nodes',
    '-newkey',
    'rsa:2048',
    '-keyout',
    p('server.key'),
    '-out',
    p('server.csr'),
    '-subj',
    '/CN=localhost',
  )
  await writeFile(p('san.ext'), 'subjectAltName=DNS:localhost\n')
  await openssl(
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.crt'),
    '-days',
    '3',
    '-extfile',
    p('san.ext'),
  )
  return {
    dir,
    caCertPem: await readFile(p('ca.crt'), 'utf8'),
    otherCaCertPem: await readFile(p('other-ca.crt'), 'utf8'),
    serverCertFile: p('server.crt'),
    serverKeyFile: p('server.key'),
  }
}
