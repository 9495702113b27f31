import { readFile } from 'node:fs/promises'
import type { SafeStorage } from 'electron'
import type { PasswordStorageStatus } from '../../shared/domain/profiles'
import { AppError } from '../../shared/errors'
import { writeJsonFile } from '../backend/json-file'
import { silentLogger, type Logger } from '../backend/log'
import { Mutex } from '../backend/mutex'
import type { SecretStore } from '../backend/secrets'

/** The parts of Electron's safeStorage we use (structural, so this file runs without Electron). */
export type SafeStorageLike = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>

export interface StorageFacts {
  platform: NodeJS.Platform
  encryptionAvailable: boolean
  /** safeStorage.getSelectedStorageBackend(); Linux only. */
  linuxBackend?: string
}

/**
 * Whether saved passwords may be stored: only when the OS really encrypts
 * them. On Linux without a keyring Electron falls back to "basic_text", a
 * hard-coded key, which is obfuscation, not encryption: refuse it.
 */
export function decidePasswordStorage(facts: StorageFacts): PasswordStorageStatus {
  const askInstead = 'Passwords are not saved; you will be asked for them when you connect.'
  if (facts.platform === 'linux' && facts.linuxBackend === 'basic_text') {
    return {
      mode: 'unavailable',
      message: `No system keyring (GNOME Keyring / libsecret or KWallet) is available, only Electron's "basic_text" fallback, which does not really encrypt. ${askInstead}`,
    }
  }
  if (facts.platform === 'linux' && (!facts.linuxBackend || facts.linuxBackend === 'unknown')) {
    return {
      mode: 'unavailable',
      message: `The system keyring could not be identified. ${askInstead}`,
    }
  }
  if (!facts.encryptionAvailable) {
    return {
      mode: 'unavailable',
      message: `The operating system offers no encryption for saved passwords here. ${askInstead}`,
    }
  }
  const where =
    facts.platform === 'darwin'
      ? 'the macOS Keychain'
      : facts.platform === 'win32'
        ? 'Windows (DPAPI)'
        : `the system keyring (${facts.linuxBackend})`
  return { mode: 'encrypted', message: `Saved passwords are encrypted by ${where}.` }
}

interface SecretsFile {
  version: 1
  /** key -> base64 of safeStorage ciphertext. Never plaintext. */
  secrets: Record<string, string>
}

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike
  /** e.g. <userData>/secrets.json */
  file: string
  platform?: NodeJS.Platform
  log?: Logger
}

/** Saved passwords encrypted with safeStorage, kept as ciphertext in one file in userData. */
export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage, file } = options
  const platform = options.platform ?? process.platform
  const log = options.log ?? silentLogger
  const mutex = new Mutex()

  const status = async (): Promise<PasswordStorageStatus> =>
    decidePasswordStorage({
      platform,
      encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable().catch(() => false),
      ...(platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
    })

  const read = async (): Promise<SecretsFile> => {
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as Partial<SecretsFile>
      if (data.version === 1 && data.secrets && typeof data.secrets === 'object') {
        return { version: 1, secrets: { ...data.secrets } }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.warn('saved passwords file was unreadable; starting without saved passwords')
      }
    }
    return { version: 1, secrets: {} }
  }

  const write = (data: SecretsFile): Promise<void> => writeJsonFile(file, data)

  const encrypt = async (secret: string): Promise<string> =>
    (await safeStorage.encryptStringAsync(secret)).toString('base64')

  return {
    status,
    has: (key) => mutex.run(async () => Object.hasOwn((await read()).secrets, key)),
    get: (key) =>
      mutex.run(async () => {
        const data = await read()
        const stored = data.secrets[key]
        if (stored === undefined) return null
        try {
          const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
            Buffer.from(stored, 'base64'),
          )
          if (shouldReEncrypt) {
            data.secrets[key] = await encrypt(result)
            await write(data)
          }
          return result
        } catch (error) {
          log.warn('a saved password could not be decrypted; it will be asked for', {
            reason: error instanceof Error ? error.message : String(error),
          })
          return null
        }
      }),
    set: (key, secret) =>
      mutex.run(async () => {
        const current = await status()
        if (current.mode !== 'encrypted') throw new AppError('secrets_unavailable', current.message)
        const data = await read()
        data.secrets[key] = await encrypt(secret)
        await write(data)
      }),
    delete: (key) =>
      mutex.run(async () => {
        const data = await read()
        if (!Object.hasOwn(data.secrets, key)) return
        delete data.secrets[key]
        await write(data)
      }),
  }
}
