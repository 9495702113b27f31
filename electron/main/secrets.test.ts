import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSafeStorageSecretStore,
  decidePasswordStorage,
  type SafeStorageLike,
} from './secrets'

describe('decidePasswordStorage', () => {
  it('refuses Linux basic_text: a fixed key is not encryption', () => {
    const status = decidePasswordStorage({
      platform: 'linux',
      encryptionAvailable: true,
      linuxBackend: 'basic_text',
    })
    expect(status.mode).toBe('unavailable')
    expect(status.message).toMatch(/basic_text/)
    expect(status.message).toMatch(/asked for them when you connect/)
  })

  it('refuses when the OS offers no encryption', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(decidePasswordStorage({ platform, encryptionAvailable: false }).mode).toBe(
        'unavailable',
      )
    }
    expect(
      decidePasswordStorage({
        platform: 'linux',
        encryptionAvailable: false,
        linuxBackend: 'gnome_libsecret',
      }).mode,
    ).toBe('unavailable')
  })

  it('refuses on Linux when the keyring is unknown (asked before ready)', () => {
    expect(
      decidePasswordStorage({
        platform: 'linux',
        encryptionAvailable: true,
        linuxBackend: 'unknown',
      }).mode,
    ).toBe('unavailable')
  })

  it.each([
    ['linux', 'gnome_libsecret'],
    ['linux', 'kwallet5'],
    ['darwin', undefined],
    ['win32', undefined],
  ] as const)('stores encrypted on %s %s', (platform, linuxBackend) => {
    const status = decidePasswordStorage({
      platform,
      encryptionAvailable: true,
      ...(linuxBackend ? { linuxBackend } : {}),
    })
    expect(status.mode).toBe('encrypted')
  })
})

/**
 * Stands in for Electron's safeStorage, which needs the Electron binary (none
 * can be installed here). It transforms reversibly so the tests can tell
 * ciphertext from plaintext; the real one is the OS keychain.
 */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true) {
  const state = { reEncrypt: false, encryptions: 0 }
  const transform = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a))
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () =>
      backend as ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
    encryptStringAsync: async (plain: string) => {
      state.encryptions++
      return Buffer.concat([Buffer.from('v11'), transform(Buffer.from(plain, 'utf8'))])
    },
    decryptStringAsync: async (encrypted: Buffer) => {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('bad ciphertext')
      return {
        result: transform(encrypted.subarray(3)).toString('utf8'),
        shouldReEncrypt: state.reEncrypt,
      }
    },
  }
  return { safeStorage, state }
}

describe('createSafeStorageSecretStore', () => {
  let dir: string
  let file: string
  const canary = 'canary-secret-Pa55word'

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsdb-secrets-'))
    file = join(dir, 'secrets.json')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('stores ciphertext only, and gives the password back to main', async () => {
    const store = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage().safeStorage,
      file,
      platform: 'linux',
    })
    expect((await store.status()).mode).toBe('encrypted')
    await store.set('profile:a', canary)
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain(canary)
    expect(text).toContain('profile:a')
    expect(await store.has('profile:a')).toBe(true)
    expect(await store.get('profile:a')).toBe(canary)
    await store.delete('profile:a')
    expect(await store.has('profile:a')).toBe(false)
    expect(await store.get('profile:a')).toBeNull()
  })

  it('refuses to store under basic_text and writes nothing', async () => {
    const store = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage('basic_text').safeStorage,
      file,
      platform: 'linux',
    })
    await expect(store.set('profile:a', canary)).rejects.toMatchObject({
      code: 'secrets_unavailable',
    })
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('re-encrypts when the OS rotated its key', async () => {
    const fake = fakeSafeStorage()
    const store = createSafeStorageSecretStore({
      safeStorage: fake.safeStorage,
      file,
      platform: 'linux',
    })
    await store.set('k', canary)
    fake.state.reEncrypt = true
    expect(await store.get('k')).toBe(canary)
    expect(fake.state.encryptions).toBe(2)
  })

  it('answers null (so the app asks) when a password can no longer be decrypted', async () => {
    const store = createSafeStorageSecretStore({
      safeStorage: fakeSafeStorage().safeStorage,
      file,
      platform: 'linux',
    })
    await store.set('k', canary)
    const broken = createSafeStorageSecretStore({
      safeStorage: {
        ...fakeSafeStorage().safeStorage,
        decryptStringAsync: async () => {
          throw new Error('keychain locked')
        },
      },
      file,
      platform: 'linux',
    })
    expect(await broken.get('k')).toBeNull()
  })
})
