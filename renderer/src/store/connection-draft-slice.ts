import type { SliceCreator } from '.'
import type { ConnectionTargetInput } from '../../../shared/domain/connection'
import type { Profile } from '../../../shared/domain/profiles'
import { call } from '../api/client'
import {
  caOf,
  describeTest,
  draftFromProfile,
  draftTarget,
  emptyDraft,
  labelOf,
  needsPassword,
  parseDraftUrl,
  readCaCert,
  serverParams,
  urlOf,
  type ConnectionDraft,
  type DraftUrl,
  type FormMessage,
  type FormSecrets,
} from './connection-draft'

/**
 * The connection form: its fields and outcome live here, and so do the calls
 * it makes (test, connect, save). Its secrets (the password, a typed URL that
 * may carry one) are not state: the form hands them to the action that
 * submits, which sends them and keeps nothing.
 */
export interface ConnectionDraftSlice {
  draft: ConnectionDraft
  draftUrl: DraftUrl
  /** Bumped when the draft is replaced (a profile picked, the form cleared): the form starts afresh. */
  draftRevision: number
  /** The "Profile name" field. */
  draftProfileName: string
  /** "Remember it in the saved profile". */
  draftRemember: boolean
  draftBusy: 'test' | 'connect' | 'save' | null
  draftMessage: FormMessage | null
  /** A field changed: the URL follows the fields. */
  editDraft(patch: Partial<ConnectionDraft>): void
  /** A URL was typed: the fields follow it. Returns the password it carried, for the password input. */
  editDraftUrl(text: string): string | undefined
  pickCaCert(file: File): Promise<void>
  removeCaCert(): void
  setDraftProfileName(name: string): void
  setDraftRemember(remember: boolean): void
  setDraftMessage(message: FormMessage | null): void
  /** Fills the form from a saved profile (nothing is sent). */
  loadDraft(profile: Profile): void
  newDraft(): void
  testDraft(secrets: FormSecrets): Promise<void>
  connectDraft(secrets: FormSecrets): Promise<void>
  saveDraft(secrets: FormSecrets): Promise<void>
  /** Connects and reports in the form (never as a notification). Returns whether it worked. */
  connectFromForm(target: ConnectionTargetInput, label: string): Promise<boolean>
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** A failure said in the form, asking for the password when the server wants one. */
const failed = (error: unknown): FormMessage => ({
  kind: 'error',
  text: messageOf(error),
  askPassword: needsPassword(error),
})

export const createConnectionDraftSlice: SliceCreator<ConnectionDraftSlice> = (set, get) => {
  const fresh = (draft: ConnectionDraft) =>
    set((s) => ({
      draft,
      draftUrl: urlOf(draft),
      draftRevision: s.draftRevision + 1,
      draftProfileName: draft.profileName,
      draftRemember: true,
      draftMessage: null,
    }))

  /** One form action at a time: the buttons stay disabled while it runs. */
  const busy = async (kind: 'test' | 'connect' | 'save', work: () => Promise<void>) => {
    if (get().draftBusy) return
    set({ draftBusy: kind })
    try {
      await work()
    } finally {
      set({ draftBusy: null })
    }
  }

  /** The target the form describes, or null after saying what is missing. */
  const target = (secrets: FormSecrets) => {
    const built = draftTarget(get().draft, get().draftUrl, secrets)
    if (typeof built !== 'string') return built
    set({ draftMessage: { kind: 'error', text: built } })
    return null
  }

  return {
    draft: emptyDraft,
    draftUrl: urlOf(emptyDraft),
    draftRevision: 0,
    draftProfileName: '',
    draftRemember: true,
    draftBusy: null,
    draftMessage: null,

    editDraft: (patch) =>
      set((s) => {
        const draft = { ...s.draft, ...patch, dirty: true }
        return { draft, draftUrl: urlOf(draft) }
      }),

    editDraftUrl: (text) => {
      const url = { ...get().draftUrl, editedLast: true }
      if (!text.trim()) {
        set({ draftUrl: { ...url, problem: null, notes: [] } })
        return undefined
      }
      const parsed = parseDraftUrl(text)
      if (!parsed.ok) {
        set({ draftUrl: { ...url, problem: parsed.problem } })
        return undefined
      }
      set((s) => {
        const draft = { ...s.draft, ...parsed.fields, dirty: true }
        return {
          draft,
          draftUrl: { ...url, text: urlOf(draft).text, problem: null, notes: parsed.notes },
        }
      })
      return parsed.password
    },

    pickCaCert: async (file) => {
      const ca = await readCaCert(file)
      if ('problem' in ca) return set({ draftMessage: { kind: 'error', text: ca.problem } })
      set((s) => ({
        draft: { ...s.draft, caCertPem: ca.pem, caCertName: file.name, dirty: true },
        draftMessage: null,
      }))
    },

    removeCaCert: () =>
      set((s) => ({
        draft: { ...s.draft, caCertPem: undefined, caCertName: undefined, dirty: true },
      })),

    setDraftProfileName: (draftProfileName) => set({ draftProfileName }),
    setDraftRemember: (draftRemember) => set({ draftRemember }),
    setDraftMessage: (draftMessage) => set({ draftMessage }),
    loadDraft: (profile) => fresh(draftFromProfile(profile)),
    newDraft: () => fresh(emptyDraft),

    testDraft: (secrets) =>
      busy('test', async () => {
        const built = target(secrets)
        if (!built) return
        set({ draftMessage: { kind: 'info', text: `Testing the connection to ${built.label}…` } })
        try {
          const info = await call('connection/test', { target: built.target })
          set({ draftMessage: { kind: 'success', text: describeTest(info) } })
        } catch (error) {
          set({ draftMessage: failed(error) })
        }
      }),

    connectDraft: (secrets) =>
      busy('connect', async () => {
        const built = target(secrets)
        if (built) await get().connectFromForm(built.target, built.label)
      }),

    saveDraft: ({ password }) =>
      busy('save', async () => {
        const { draft, draftProfileName, draftRemember, passwordStorage } = get()
        const params = serverParams(draft)
        if (typeof params === 'string') {
          set({ draftMessage: { kind: 'error', text: params } })
          return
        }
        const remember = draftRemember && passwordStorage?.mode !== 'unavailable'
        try {
          const reply = await call('profiles/save', {
            ...(draft.profileId ? { id: draft.profileId } : {}),
            name: draftProfileName.trim() || labelOf(draft),
            params: { ...params, ...(password && remember ? { password } : {}), ...caOf(draft) },
            savePassword: remember,
          })
          const { profile } = reply
          set((s) => ({
            draft: {
              ...s.draft,
              profileId: profile.id,
              profileName: profile.name,
              passwordSaved: profile.passwordSaved,
              dirty: false,
            },
            draftProfileName: profile.name,
            draftMessage: {
              kind: 'success',
              text: `Profile "${profile.name}" saved. ${reply.password.message}`,
            },
          }))
          await get().loadProfiles()
        } catch (error) {
          set({ draftMessage: { kind: 'error', text: messageOf(error) } })
        }
      }),

    connectFromForm: async (connectTo, label) => {
      set({ draftMessage: { kind: 'info', text: `Connecting to ${label}…` } })
      try {
        const connection = await call('connection/open', { target: connectTo })
        set({ connection, draftMessage: { kind: 'success', text: `Connected to ${label}.` } })
        return true
      } catch (error) {
        set({ draftMessage: failed(error) })
        return false
      }
    },
  }
}
