import type { SliceCreator } from '.'
import type { ConnectionFields } from '../../../shared/connection-string'
import {
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  EMBEDDED_LABEL,
  EMBEDDED_PROFILE_ID,
  type ConnectionTargetInput,
  type SslMode,
} from '../../../shared/domain/connection'
import type { PasswordStorageStatus, Profile } from '../../../shared/domain/profiles'
import { AppError } from '../../../shared/errors'
import { call } from '../api/client'

/**
 * What the connection form shows, minus the password: the password never
 * enters the store (the form reads it from its input when submitting).
 */
export interface ConnectionDraft {
  /** The saved server profile the form was filled from, if any. */
  profileId: string | null
  profileName: string
  host: string
  /** As typed, so an empty or half-typed port stays editable. */
  port: string
  database: string
  user: string
  sslmode: SslMode
  connectTimeoutSeconds: number
  caCertPem?: string
  caCertName?: string
  /** Changed since it was loaded from the profile (then Connect uses the fields, not the profile). */
  dirty: boolean
  passwordSaved: boolean
}

export interface FormMessage {
  kind: 'error' | 'info' | 'success'
  text: string
  /** Set when the user should type the password now. */
  askPassword?: boolean
}

export interface ProfilesSlice {
  profiles: Profile[]
  passwordStorage: PasswordStorageStatus | null
  draft: ConnectionDraft
  /** Bumped when the draft is replaced from outside the form (a profile was picked). */
  draftRevision: number
  formMessage: FormMessage | null
  loadProfiles(): Promise<void>
  updateDraft(patch: Partial<ConnectionDraft>): void
  /** The form's fields now are this saved profile. */
  markSaved(profile: Profile): void
  newDraft(): void
  setFormMessage(message: FormMessage | null): void
  /** Connects and reports in the form (never as a notification). Returns whether it worked. */
  connectFromForm(target: ConnectionTargetInput, label: string): Promise<boolean>
  /** From the sidebar or the profile list: fill the form and connect when no password is needed. */
  pickProfile(id: string): Promise<void>
  /** Resolves false when it failed (the notification says why). */
  renameProfile(id: string, name: string): Promise<boolean>
  deleteProfile(id: string): Promise<boolean>
}

/** The built-in engine's profile, shown before the list arrives (or if reading it failed). */
export const embeddedProfile: Profile = {
  id: EMBEDDED_PROFILE_ID,
  name: EMBEDDED_LABEL,
  kind: 'embedded',
  passwordSaved: false,
}

export const emptyDraft: ConnectionDraft = {
  profileId: null,
  profileName: '',
  host: 'localhost',
  port: '5432',
  database: 'postgres',
  user: 'postgres',
  sslmode: 'prefer',
  connectTimeoutSeconds: DEFAULT_CONNECT_TIMEOUT_SECONDS,
  dirty: false,
  passwordSaved: false,
}

export function draftFields(draft: ConnectionDraft): ConnectionFields {
  const port = Number(draft.port)
  return {
    host: draft.host,
    port: Number.isInteger(port) && port > 0 ? port : 5432,
    database: draft.database,
    user: draft.user,
    sslmode: draft.sslmode,
    connectTimeoutSeconds: draft.connectTimeoutSeconds,
  }
}

function draftFromProfile(profile: Profile): ConnectionDraft {
  const p = profile.params!
  const draft: ConnectionDraft = {
    profileId: profile.id,
    profileName: profile.name,
    host: p.host,
    port: String(p.port),
    database: p.database,
    user: p.user,
    sslmode: p.sslmode,
    connectTimeoutSeconds: p.connectTimeoutSeconds,
    dirty: false,
    passwordSaved: profile.passwordSaved,
  }
  if (p.caCertPem) draft.caCertPem = p.caCertPem
  if (p.caCertName) draft.caCertName = p.caCertName
  return draft
}

/** The server wants a (right) password: the form asks for it. */
export const needsPassword = (error: unknown) =>
  error instanceof AppError && (error.code === 'password_required' || error.code === 'auth_failed')

export const createProfilesSlice: SliceCreator<ProfilesSlice> = (set, get) => ({
  profiles: [],
  passwordStorage: null,
  draft: emptyDraft,
  draftRevision: 0,
  formMessage: null,

  loadProfiles: async () => {
    try {
      const list = await call('profiles/list', {})
      set({ profiles: list.profiles, passwordStorage: list.passwords })
    } catch (error) {
      get().reportFailure('Could not read saved profiles', error)
    }
  },

  updateDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch, dirty: true } })),

  markSaved: (profile) =>
    set((s) => ({
      draft: {
        ...s.draft,
        profileId: profile.id,
        profileName: profile.name,
        passwordSaved: profile.passwordSaved,
        dirty: false,
      },
    })),

  newDraft: () =>
    set((s) => ({ draft: emptyDraft, draftRevision: s.draftRevision + 1, formMessage: null })),

  setFormMessage: (formMessage) => set({ formMessage }),

  connectFromForm: async (target, label) => {
    set({ formMessage: { kind: 'info', text: `Connecting to ${label}…` } })
    try {
      const connection = await call('connection/open', { target })
      set({ connection, formMessage: { kind: 'success', text: `Connected to ${label}.` } })
      return true
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      set({ formMessage: { kind: 'error', text, askPassword: needsPassword(error) } })
      return false
    }
  },

  pickProfile: async (id) => {
    get().setView('connections')
    if (id === EMBEDDED_PROFILE_ID) {
      await get().openConnection({ kind: 'embedded' })
      return
    }
    const profile = get().profiles.find((p) => p.id === id)
    if (!profile?.params) return
    set((s) => ({
      draft: draftFromProfile(profile),
      draftRevision: s.draftRevision + 1,
      formMessage: null,
    }))
    if (!profile.passwordSaved) {
      set({
        formMessage: {
          kind: 'info',
          text: `Enter the password for "${profile.name}" to connect: it is not saved.`,
          askPassword: true,
        },
      })
      return
    }
    await get().connectFromForm({ kind: 'profile', profileId: id }, profile.name)
  },

  renameProfile: async (id, name) => {
    try {
      const profile = await call('profiles/rename', { id, name })
      set((s) => ({
        profiles: s.profiles.map((p) => (p.id === id ? profile : p)),
        draft: s.draft.profileId === id ? { ...s.draft, profileName: profile.name } : s.draft,
      }))
    } catch (error) {
      get().reportFailure('Could not rename', error)
      return false
    }
    await get().loadProfiles()
    return true
  },

  deleteProfile: async (id) => {
    try {
      await call('profiles/delete', { id })
    } catch (error) {
      get().reportFailure('Could not delete the profile', error)
      return false
    }
    set((s) => ({
      profiles: s.profiles.filter((p) => p.id !== id),
      draft: s.draft.profileId === id ? { ...s.draft, profileId: null, dirty: true } : s.draft,
    }))
    return true
  },
})
