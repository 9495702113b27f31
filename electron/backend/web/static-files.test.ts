import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readStaticFile } from './static-files'

let root: string
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'static-'))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<html></html>')
  await writeFile(join(root, 'assets', 'app.js'), 'x')
  await writeFile(join(base, 'secret.txt'), 'do not serve')
})

describe('readStaticFile', () => {
  it('serves index.html for / and files under the root with a content type', async () => {
    expect((await readStaticFile(root, '/'))?.contentType).toMatch(/text\/html/)
    expect((await readStaticFile(root, '/assets/app.js'))?.contentType).toMatch(/javascript/)
  })

  it('never serves files outside the root', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
    ]) {
      expect(await readStaticFile(root, path)).toBeNull()
    }
  })

  it('returns null for missing files, directories and bad encodings', async () => {
    expect(await readStaticFile(root, '/nope.js')).toBeNull()
    expect(await readStaticFile(root, '/assets')).toBeNull()
    expect(await readStaticFile(root, '/%E0%A4%A')).toBeNull()
  })
})
