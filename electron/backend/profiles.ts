import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import {
  EMBEDDED_LABEL,
  EMBEDDED_PROFILE_ID,
  ServerParamsSchema,
} from '../../shared/domain/connection'
import type {
  Profile,
  ProfileList,
  ProfileParams,
  SaveProfileReply,
} from '../../shared/domain/profiles'
import { AppError } from '../../shared/errors'
import { readJsonList, writeJsonFile } from './json-file'
import type { Logger } from './log'
import { Mutex } from './mutex'
import type { SecretStore } from './secrets'

export const PROFILES_FILE = 'profiles.json'

const StoredProfileSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  // Never a password: the schema strips one if a hand-edited file has it.
  params: ServerParamsSchema.omit({ password: true }),
  createdAt: z.number(),
  updatedAt: z.number(),
})
type StoredProfile = z.output<typeof StoredProfileSchema>

export interface ProfileStoreOptions {
  /** Folder for profiles.json (Electron: userData; web host: --config-dir). */
  configDir: string
  secrets: SecretStore
  embeddedDataDir: string
  log: Logger
}

export interface SaveProfileInput {
  id?: string
  name: string
  params: ProfileParams & { password?: string }
  savePassword: boolean
}

const secretKey = (id: string) => `profile:${id}`

/**
 * Saved connection profiles in one JSON file, with passwords kept apart in the
 * SecretStore. The embedded TimescaleDB is always the first profile and is not
 * stored: it cannot be renamed or deleted.
 */
export class ProfileStore {
  private readonly mutex = new Mutex()

  constructor(private readonly options: ProfileStoreOptions) {}

  get file(): string {
    return join(this.options.configDir, PROFILES_FILE)
  }

  list(): Promise<ProfileList> {
    return this.mutex.run(async () => {
      const stored = await this.read()
      const profiles = [this.embedded()]
      for (const p of stored) profiles.push(await this.toProfile(p))
      return { profiles, passwords: await this.options.secrets.status() }
    })
  }

  /** A saved server profile, for connecting; not_found when it is gone. */
  get(id: string): Promise<StoredProfile> {
    return this.mutex.run(async () => this.find(await this.read(), id))
  }

  /** The saved password of a profile, or null (none saved, or no longer decryptable). */
  async password(id: string): Promise<string | null> {
    try {
      return await this.options.secrets.get(secretKey(id))
    } catch (error) {
      this.options.log.warn('could not read a saved password', {
        profile: id,
        reason: error instanceof Error ? error.message : String(error),
      })
      return null
    }
  }

  save(input: SaveProfileInput): Promise<SaveProfileReply> {
    return this.mutex.run(async () => {
      const stored = await this.read()
      const name = input.name.trim()
      this.checkName(stored, name, input.id)
      const { password, ...params } = input.params
      const now = Date.now()
      let profile: StoredProfile
      if (input.id) {
        if (input.id === EMBEDDED_PROFILE_ID) throw embeddedIsFixed()
        const existing = this.find(stored, input.id)
        profile = { ...existing, name, params, updatedAt: now }
        stored[stored.indexOf(existing)] = profile
      } else {
        profile = { id: randomUUID(), name, params, createdAt: now, updatedAt: now }
        stored.push(profile)
      }
      await this.write(stored)
      const outcome = await this.keepPassword(profile.id, password, input.savePassword)
      return { profile: await this.toProfile(profile), password: outcome }
    })
  }

  rename(id: string, name: string): Promise<Profile> {
    return this.mutex.run(async () => {
      if (id === EMBEDDED_PROFILE_ID) throw embeddedIsFixed()
      const stored = await this.read()
      const existing = this.find(stored, id)
      const trimmed = name.trim()
      this.checkName(stored, trimmed, id)
      const profile = { ...existing, name: trimmed, updatedAt: Date.now() }
      stored[stored.indexOf(existing)] = profile
      await this.write(stored)
      return this.toProfile(profile)
    })
  }

  delete(id: string): Promise<void> {
    return this.mutex.run(async () => {
      if (id === EMBEDDED_PROFILE_ID) throw embeddedIsFixed()
      const stored = await this.read()
      const existing = this.find(stored, id)
      await this.write(stored.filter((p) => p !== existing))
      await this.options.secrets.delete(secretKey(id))
    })
  }

  private async keepPassword(
    id: string,
    password: string | undefined,
    savePassword: boolean,
  ): Promise<SaveProfileReply['password']> {
    const secrets = this.options.secrets
    if (!savePassword) {
      await secrets.delete(secretKey(id))
      return { saved: false, message: 'Password not saved: you will be asked for it to connect.' }
    }
    if (!password) {
      return (await secrets.has(secretKey(id)))
        ? { saved: true, message: 'The saved password was kept.' }
        : { saved: false, message: 'No password was entered, so none was saved.' }
    }
    const status = await secrets.status()
    if (status.mode === 'unavailable') {
      await secrets.delete(secretKey(id))
      return { saved: false, message: `Password not saved: ${status.message}` }
    }
    try {
      await secrets.set(secretKey(id), password)
    } catch (error) {
      const reason = error instanceof AppError ? error.message : 'it could not be encrypted.'
      this.options.log.warn('could not save a password', { profile: id, reason })
      return { saved: false, message: `Password not saved: ${reason}` }
    }
    return status.mode === 'encrypted'
      ? { saved: true, message: 'Password saved, encrypted by the operating system.' }
      : { saved: true, message: 'Password kept in memory until the web host stops.' }
  }

  private checkName(stored: StoredProfile[], name: string, ownId: string | undefined): void {
    const key = name.toLocaleLowerCase()
    if (key === EMBEDDED_LABEL.toLocaleLowerCase()) {
      throw new AppError(
        'conflict',
        `"${EMBEDDED_LABEL}" is the built-in profile; pick another name.`,
      )
    }
    if (stored.some((p) => p.id !== ownId && p.name.toLocaleLowerCase() === key)) {
      throw new AppError('conflict', `A profile named "${name}" already exists; pick another name.`)
    }
  }

  private find(stored: StoredProfile[], id: string): StoredProfile {
    const profile = stored.find((p) => p.id === id)
    if (!profile) {
      throw new AppError('not_found', 'That profile no longer exists. Pick another one.')
    }
    return profile
  }

  private embedded(): Profile {
    return {
      id: EMBEDDED_PROFILE_ID,
      name: EMBEDDED_LABEL,
      kind: 'embedded',
      passwordSaved: false,
      dataDir: this.options.embeddedDataDir,
    }
  }

  private async toProfile(p: StoredProfile): Promise<Profile> {
    return {
      id: p.id,
      name: p.name,
      kind: 'server',
      params: p.params,
      passwordSaved: await this.options.secrets.has(secretKey(p.id)).catch(() => false),
    }
  }

  private async read(): Promise<StoredProfile[]> {
    const profiles = await readJsonList(
      this.file,
      'profiles',
      StoredProfileSchema,
      this.options.log,
    )
    return profiles.sort((a, b) => a.name.localeCompare(b.name))
  }

  private write(profiles: StoredProfile[]): Promise<void> {
    return writeJsonFile(this.file, { version: 1, profiles })
  }
}

function embeddedIsFixed(): AppError {
  return new AppError(
    'invalid_input',
    `"${EMBEDDED_LABEL}" is built in: it cannot be renamed or deleted (use Reset to empty it).`,
  )
}
