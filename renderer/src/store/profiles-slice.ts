import type { SliceCreator } from '.'
import { EMBEDDED_LABEL, EMBEDDED_PROFILE_ID } from '../../../shared/domain/connection'
import type { PasswordStorageStatus, Profile } from '../../../shared/domain/profiles'
import { call } from '../api/client'

export interface ProfilesSlice {
  profiles: Profile[]
  passwordStorage: PasswordStorageStatus | null
  loadProfiles(): Promise<void>
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

export const createProfilesSlice: SliceCreator<ProfilesSlice> = (set, get) => ({
  profiles: [],
  passwordStorage: null,

  loadProfiles: async () => {
    try {
      const list = await call('profiles/list', {})
      set({ profiles: list.profiles, passwordStorage: list.passwords })
    } catch (error) {
      get().reportFailure('Could not read saved profiles', error)
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
    get().loadDraft(profile)
    if (!profile.passwordSaved) {
      get().setDraftMessage({
        kind: 'info',
        text: `Enter the password for "${profile.name}" to connect: it is not saved.`,
        askPassword: true,
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
