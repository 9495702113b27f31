import type { ExplorerClient } from '../../../shared/contract'
import { createWebSocketBridge, webSocketUrlFromLocation } from './ws-bridge'

declare global {
  interface Window {
    explorer?: ExplorerClient
  }
}

/** Makes the value on first use and hands out the same one after. */
function once<T>(make: () => T): () => T {
  const made: { value?: T } = {}
  return () => ('value' in made ? made.value! : (made.value = make()))
}

/**
 * window.explorer under Electron, otherwise the web host's WebSocket (one per
 * page, opened on first use). Nothing else knows which host it runs in.
 */
export const explorer = once((): ExplorerClient => {
  if (window.explorer) return window.explorer
  const url = webSocketUrlFromLocation(window.location, window.sessionStorage)
  if (!url) {
    throw new Error(
      'No backend: open the app from the link `npm run web` prints (it carries the session token).',
    )
  }
  return createWebSocketBridge(url)
})
