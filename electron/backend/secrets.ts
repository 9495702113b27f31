import type { PasswordStorageStatus } from '../../shared/domain/profiles'
import { AppError } from '../../shared/errors'

/**
 * Where saved passwords live. The backend only ever asks for one by key when
 * it connects; the renderer never gets one back. Electron implements this with
 * safeStorage in main (electron/main/secrets.ts); the web host keeps them in
 * memory only.
 */
export interface SecretStore {
  status(): Promise<PasswordStorageStatus>
  has(key: string): Promise<boolean>
  /** The secret, or null when none is saved or it can no longer be decrypted. */
  get(key: string): Promise<string | null>
  /** Throws AppError('secrets_unavailable') when this host cannot store secrets safely. */
  set(key: string, secret: string): Promise<void>
  delete(key: string): Promise<void>
}

export const MEMORY_STORAGE_MESSAGE =
  'The web host keeps saved passwords in memory only: you will be asked again after it restarts.'

/** The web host's store: nothing is written anywhere, everything is gone when the process ends. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>()

  async status(): Promise<PasswordStorageStatus> {
    return { mode: 'memory', message: MEMORY_STORAGE_MESSAGE }
  }

  async has(key: string): Promise<boolean> {
    return this.secrets.has(key)
  }

  async get(key: string): Promise<string | null> {
    return this.secrets.get(key) ?? null
  }

  async set(key: string, secret: string): Promise<void> {
    this.secrets.set(key, secret)
  }

  async delete(key: string): Promise<void> {
    this.secrets.delete(key)
  }
}

/** A store that refuses everything, for hosts (or tests) where no safe storage exists. */
export class UnavailableSecretStore implements SecretStore {
  constructor(private readonly reason: string) {}

  async status(): Promise<PasswordStorageStatus> {
    return { mode: 'unavailable', message: this.reason }
  }

  async has(): Promise<boolean> {
    return false
  }

  async get(): Promise<string | null> {
    return null
  }

  async set(): Promise<void> {
    throw new AppError('secrets_unavailable', this.reason)
  }

  async delete(): Promise<void> {}
}
