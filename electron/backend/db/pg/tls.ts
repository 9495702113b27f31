import type { ConnectionOptions } from 'node:tls'
import type { ServerParams } from '../../../../shared/domain/connection'

export interface TlsPlan {
  /** What node-postgres gets as its `ssl` option; we never let it read sslmode itself. */
  ssl: false | ConnectionOptions
  /** "prefer": if the server has no TLS, connect in plain text. */
  fallbackToPlain: boolean
  verifiesChain: boolean
  verifiesHost: boolean
}

/**
 * libpq's meaning of sslmode, enforced by us (node-postgres treats "require" as
 * "verify-full" today and means to change that; neither is what libpq does):
 *
 * - disable: plain text.
 * - prefer: TLS if the server offers it, without verification; else plain text.
 * - require: TLS, not verified — unless a CA certificate was given, in which
 *   case libpq verifies the chain as in verify-ca.
 * - verify-ca: TLS, the chain must lead to the given CA (or the system's roots).
 * - verify-full: verify-ca plus the host name must match the certificate.
 */
export function planTls(params: Pick<ServerParams, 'sslmode' | 'caCertPem'>): TlsPlan {
  const ca = params.caCertPem ? [params.caCertPem] : undefined
  switch (params.sslmode) {
    case 'disable':
      return { ssl: false, fallbackToPlain: false, verifiesChain: false, verifiesHost: false }
    case 'prefer':
      return {
        ssl: { rejectUnauthorized: false },
        fallbackToPlain: true,
        verifiesChain: false,
        verifiesHost: false,
      }
    case 'require':
      if (ca) return verifyCa(ca)
      return {
        ssl: { rejectUnauthorized: false },
        fallbackToPlain: false,
        verifiesChain: false,
        verifiesHost: false,
      }
    case 'verify-ca':
      return verifyCa(ca)
    case 'verify-full':
      return {
        ssl: { rejectUnauthorized: true, ...(ca ? { ca } : {}) },
        fallbackToPlain: false,
        verifiesChain: true,
        verifiesHost: true,
      }
  }
}

function verifyCa(ca: string[] | undefined): TlsPlan {
  return {
    ssl: {
      rejectUnauthorized: true,
      ...(ca ? { ca } : {}),
      // The chain is verified by rejectUnauthorized; the host name deliberately is not.
      checkServerIdentity: () => undefined,
    },
    fallbackToPlain: false,
    verifiesChain: true,
    verifiesHost: false,
  }
}

/** No TLS: what "prefer" falls back to when the server does not offer it. */
export const PLAIN_TLS_PLAN: TlsPlan = {
  ssl: false,
  fallbackToPlain: false,
  verifiesChain: false,
  verifiesHost: false,
}
