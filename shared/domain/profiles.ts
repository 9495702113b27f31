import { z } from 'zod'
import { ServerParamsSchema, type ServerParams } from './connection'

export const PROFILE_NAME_MAX = 100

const ProfileName = z
  .string()
  .trim()
  .min(1, 'Give the profile a name')
  .max(PROFILE_NAME_MAX, `A profile name has at most ${PROFILE_NAME_MAX} characters`)

const ProfileId = z.string().min(1).max(100)

/** What a saved profile remembers: everything but the password. */
export type ProfileParams = Omit<ServerParams, 'password'>

/**
 * How this host keeps saved passwords:
 * - encrypted: Electron's safeStorage (the OS keychain) in main;
 * - memory: the web host, until it stops;
 * - unavailable: the OS offers no real encryption, so nothing is stored.
 */
export type PasswordStorageMode = 'encrypted' | 'memory' | 'unavailable'

export interface PasswordStorageStatus {
  mode: PasswordStorageMode
  /** One sentence for the user, e.g. why passwords cannot be saved here. */
  message: string
}

/** A profile as the renderer sees it: never a password, only whether one is saved. */
export interface Profile {
  id: string
  name: string
  kind: 'embedded' | 'server'
  /** Server profiles only. */
  params?: ProfileParams
  passwordSaved: boolean
  /** Embedded only: where its data lives. */
  dataDir?: string
}

export interface ProfileList {
  /** The embedded TimescaleDB first, then saved profiles by name. */
  profiles: Profile[]
  passwords: PasswordStorageStatus
}

export const SaveProfileRequestSchema = z.strictObject({
  /** Update this profile; omit to create one. */
  id: ProfileId.optional(),
  name: ProfileName,
  params: ServerParamsSchema,
  /**
   * Keep params.password (encrypted, or in memory on the web host). With no
   * password given, an already saved one is kept; false forgets it.
   */
  savePassword: z.boolean().default(false),
})

export interface SaveProfileReply {
  profile: Profile
  /** What happened to the password, in words the form can show. */
  password: { saved: boolean; message: string }
}

export const RenameProfileRequestSchema = z.strictObject({ id: ProfileId, name: ProfileName })
export const DeleteProfileRequestSchema = z.strictObject({ id: ProfileId })
