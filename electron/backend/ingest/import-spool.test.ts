import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ImportSpool } from './import-spool'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

describe('ImportSpool', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spool-test-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('gives back the chunks it was given, in order, from a private file it then removes', async () => {
    const spool = await ImportSpool.create(dir)
    const chunks = ['time,sensor_id\nt,1\n', 't,2\nt,3\n', 't,4\n']
    for (const [i, text] of chunks.entries()) {
      await spool.append({ bytes: encoder.encode(text), rows: i === 0 ? 1 : 2, lines: 2 })
    }
    expect(spool.bytes).toBe(chunks.join('').length)
    if (process.platform !== 'win32') expect((await stat(spool.path)).mode & 0o777).toBe(0o600)
    const back = []
    for await (const chunk of spool.chunks())
      back.push({ text: decoder.decode(chunk.bytes), rows: chunk.rows })
    expect(back).toEqual([
      { text: chunks[0], rows: 1 },
      { text: chunks[1], rows: 2 },
      { text: chunks[2], rows: 2 },
    ])
    await spool.remove()
    await spool.remove()
    expect(await readdir(dir)).toEqual([])
  })

  it("removes the files of a process killed mid-import, and no live process's", async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    const orphan = `tsdb-explorer-import-${dead}-x.csv`
    const live = `tsdb-explorer-import-${process.ppid}-y.csv`
    await writeFile(join(dir, orphan), 'a')
    await writeFile(join(dir, live), 'b')
    await writeFile(join(dir, 'unrelated.csv'), 'c')
    const spool = await ImportSpool.create(dir)
    expect((await readdir(dir)).sort()).toEqual(
      [live, 'unrelated.csv', spool.path.slice(dir.length + 1)].sort(),
    )
    await spool.remove()
  })

  it('says where, and what to do, when it cannot write', async () => {
    await expect(ImportSpool.create(join(dir, 'missing'))).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('Could not keep the upload in a temporary file'),
    })
  })
})
