import { describe, expect, it } from 'vitest'
import {
  appContentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isSafeExternalUrl,
  mainWindowOptions,
  type HardenableContents,
} from './security'

describe('mainWindowOptions', () => {
  it('isolates the renderer: context isolation, sandbox, no Node anywhere', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    })
  })

  it('turns on nothing that would weaken the isolation', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences ?? {}
    for (const risky of [
      'experimentalFeatures',
      'enableBlinkFeatures',
      'additionalArguments',
      'nodeIntegrationInWorker',
      'plugins',
      'allowRunningInsecureContent',
    ] as const) {
      expect([undefined, false], risky).toContain(prefs[risky])
    }
  })
})

describe('appContentSecurityPolicy', () => {
  it('allows scripts from the app only: no inline, no eval', () => {
    const csp = appContentSecurityPolicy()
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
  })

  it('is exactly these directives: nothing remote, no plugins, no framing, no base or form targets', () => {
    const directives = Object.fromEntries(
      appContentSecurityPolicy()
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...sources]) => [name, sources.join(' ')]),
    )
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data: blob:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    })
  })
})

describe('isAppUrl (the IPC sender check)', () => {
  it('accepts the app bundle and, in development, the dev server origin', () => {
    expect(isAppUrl('app://bundle/index.html')).toBe(true)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
  })

  it('rejects everything else', () => {
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://localhost:5173/',
      'http://localhost:5174/',
      'devtools://devtools/bundled/inspector.html',
      'app://bundle.evil.example/index.html',
      'https://bundle/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'blob:app://bundle/7d3c7a3e-1111-2222-3333-444455556666',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url, url.includes('5174') ? 'http://localhost:5173' : undefined)).toBe(false)
    }
  })
})

describe('isSafeExternalUrl', () => {
  it('lets plain https links through', () => {
    expect(isSafeExternalUrl('https://docs.timescale.com/api/latest/')).toBe(true)
  })

  it('refuses other schemes, credentials, odd ports and bare hosts', () => {
    for (const url of [
      'http://docs.timescale.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com/',
      'https://example.com:8443/',
      'https://localhost/',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false)
    }
  })
})

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>()
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined
  const contents: HardenableContents = {
    setWindowOpenHandler: (h) => (openHandler = h),
    on: (event, listener) => listeners.set(event, listener),
  }
  return { contents, listeners, open: (url: string) => openHandler?.({ url }) }
}

describe('hardenWebContents', () => {
  it('denies every new window, handing only safe https links to the OS browser', () => {
    const opened: string[] = []
    const fake = fakeContents()
    hardenWebContents(fake.contents, (url) => opened.push(url))
    expect(fake.open('https://docs.timescale.com/')).toEqual({ action: 'deny' })
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://docs.timescale.com/',
      'app://bundle/index.html',
      'about:blank',
    ]) {
      expect(fake.open(url), url).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://docs.timescale.com/'])
  })

  it('blocks navigation, frame navigation, redirects and webviews', () => {
    const fake = fakeContents()
    hardenWebContents(fake.contents, () => {})
    for (const event of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
    ]) {
      let prevented = false
      fake.listeners.get(event)?.({ preventDefault: () => (prevented = true) })
      expect(prevented, event).toBe(true)
    }
  })
})

describe('hardenSession', () => {
  it('refuses every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | undefined
    let check: (() => boolean) | undefined
    hardenSession({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    })
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let granted: boolean | undefined
      request?.({}, permission, (g) => (granted = g))
      expect(granted).toBe(false)
    }
    expect(check?.()).toBe(false)
  })
})
