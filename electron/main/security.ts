import type { BrowserWindowConstructorOptions } from 'electron'
import { contentSecurityPolicy } from '../../shared/csp'

/** The packaged renderer is served from this privileged scheme, never from file://. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://bundle`

/** Everything the one window is built with. Unit tests assert on this. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'TSDB Explorer',
    backgroundColor: '#16181d',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  }
}

/** The CSP the app's own protocol sends with every response. */
export function appContentSecurityPolicy(): string {
  return contentSecurityPolicy()
}

/**
 * Whether a frame URL belongs to the app: the app:// bundle, or in development
 * the electron-vite dev server. Anything else (a navigated-to page, an iframe,
 * devtools extensions) may not call the backend.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'bundle') return true
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin
    } catch {
      return false
    }
  }
  return false
}

/** Links the app may hand to the OS browser: plain https, no credentials, no odd ports. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    (parsed.port === '' || parsed.port === '443') &&
    parsed.hostname.includes('.')
  )
}

/** The parts of Electron's WebContents that hardening touches (structural, for tests). */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview' | 'will-frame-navigate',
    listener: (event: { preventDefault(): void }, ...args: unknown[]) => void,
  ): unknown
}

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: () => boolean): void
}

/**
 * No new windows (safe https links go to the OS browser instead), no
 * navigation away from the app, no redirects, no webviews.
 */
export function hardenWebContents(
  contents: HardenableContents,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
  const block = (event: { preventDefault(): void }) => event.preventDefault()
  contents.on('will-navigate', block)
  contents.on('will-frame-navigate', block)
  contents.on('will-redirect', block)
  contents.on('will-attach-webview', block)
}

/** No camera, microphone, notifications, geolocation or anything else a page could ask for. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
