import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { appContentSecurityPolicy } from './security'

/**
 * Electron's protocol module needs the Electron binary (none can run here):
 * this stand-in records what app-protocol.ts registers, and the handler it
 * installs is then called with real Requests over a real renderer folder.
 */
const electron = vi.hoisted(() => ({
  schemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}))
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      electron.handlers.set(scheme, handler),
  },
}))

const { registerAppScheme, serveRenderer } = await import('./app-protocol')

let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'app-protocol-'))
  await mkdir(join(root, 'renderer', 'assets'), { recursive: true })
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(join(root, 'renderer', 'assets', 'main.js'), 'console.log(1)')
  await writeFile(join(root, 'secret.txt'), 'outside the renderer')
  registerAppScheme()
  serveRenderer(join(root, 'renderer'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const get = (url: string) => electron.handlers.get('app')!(new Request(url))

describe('the app:// protocol', () => {
  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(electron.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves the renderer with the CSP and nosniff on every response', async () => {
    for (const path of ['/index.html', '/', '/assets/main.js']) {
      const response = await get(`app://bundle${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-security-policy'), path).toBe(appContentSecurityPolicy())
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
    expect(await (await get('app://bundle/index.html')).text()).toContain('<title>app</title>')
  })

  it('serves nothing outside the renderer folder, nor for another host', async () => {
    for (const url of [
      'app://bundle/../secret.txt',
      'app://bundle/%2e%2e/secret.txt',
      'app://bundle/..%2fsecret.txt',
      'app://bundle/missing.js',
      'app://other/index.html',
    ]) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('outside the renderer')
    }
  })
})
