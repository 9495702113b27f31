import type { ExplorerClient } from '../../../shared/contract'
import { createWebSocketBridge, webSocketUrlFromLocation } from './ws-bridge'

declare global {
  interface Window {
    explorer?: ExplorerClient
  }
}

let client: ExplorerClient | null = null

/** window.explorer under Electron, otherwise the web host's WebSocket. Nothing else knows which. */
export function explorer(): ExplorerClient {
  if (client) return client
  if (window.explorer) {
    client = window.explorer
    return client
  }
  const url = webSocketUrlFromLocation(window.location, window.sessionStorage)
  if (!url) {
    throw new Error(
      'No backend: open the app from the link `npm run web` prints (it carries the session token).',
    )
  }
  client = createWebSocketBridge(url)
  return client
}
