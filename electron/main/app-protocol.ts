import { protocol } from 'electron'
import { readStaticFile } from '../backend/web/static-files'
import { APP_SCHEME, appContentSecurityPolicy } from './security'

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer from app://bundle/, with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file = url.host === 'bundle' ? await readStaticFile(rendererDir, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': appContentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
}
