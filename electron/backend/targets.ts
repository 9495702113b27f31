import { parseConnectionString } from '../../shared/connection-string'
import {
  EMBEDDED_PROFILE_ID,
  ServerParamsSchema,
  type ConnectionTarget,
} from '../../shared/domain/connection'
import { AppError } from '../../shared/errors'
import type { ProfileStore } from './profiles'
import type { Redactor } from './redactor'
import type { ResolvedTarget } from './session'

export interface ResolveContext {
  profiles: ProfileStore
  redactor: Redactor
}

/**
 * Turns what the renderer sent into parameters the drivers take: a pasted
 * URL is parsed here again (never trusted from the renderer), a profile is
 * looked up with its saved password. Every password met is handed to the
 * redactor before anything can log.
 */
export async function resolveTarget(
  target: ConnectionTarget,
  ctx: ResolveContext,
): Promise<ResolvedTarget> {
  switch (target.kind) {
    case 'embedded':
      return target
    case 'server':
      ctx.redactor.add(target.params.password)
      return { kind: 'server', params: target.params }
    case 'url':
      return fromUrl(target, ctx)
    case 'profile': {
      ctx.redactor.add(target.password)
      if (target.profileId === EMBEDDED_PROFILE_ID) return { kind: 'embedded' }
      const profile = await ctx.profiles.get(target.profileId)
      const password = target.password || (await ctx.profiles.password(profile.id)) || undefined
      ctx.redactor.add(password)
      return {
        kind: 'server',
        params: { ...profile.params, ...(password ? { password } : {}) },
        label: profile.name,
        profileId: profile.id,
      }
    }
  }
}

function fromUrl(
  target: Extract<ConnectionTarget, { kind: 'url' }>,
  ctx: ResolveContext,
): ResolvedTarget {
  ctx.redactor.add(target.password)
  const parsed = parseConnectionString(target.url)
  ctx.redactor.add(parsed.password)
  if (!parsed.fields.user) {
    throw new AppError(
      'malformed_url',
      'The connection string names no user: add one (postgresql://USER@host/db, or user=USER).',
    )
  }
  const password = target.password || parsed.password
  const result = ServerParamsSchema.safeParse({
    ...parsed.fields,
    ...(password ? { password } : {}),
    ...(target.caCertPem ? { caCertPem: target.caCertPem } : {}),
    ...(target.caCertName ? { caCertName: target.caCertName } : {}),
  })
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? 'value')))]
    throw new AppError(
      'malformed_url',
      `The connection string has an invalid ${fields.join(', ')} (too long or empty).`,
    )
  }
  return { kind: 'server', params: result.data }
}
