/** Channel names of the Electron host (kept apart from the contract so the preload bundles no zod). */
export const IPC_CALL_CHANNEL = 'explorer:call'
export const IPC_CANCEL_CHANNEL = 'explorer:cancel'
export const IPC_EVENT_CHANNEL = 'explorer:event'
