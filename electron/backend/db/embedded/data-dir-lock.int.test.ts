import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../test-support/backend'
import type { ContenderCommand, ContenderReply } from '../../test-support/lock-contender'
import { acquireDataDirLock, EMPTY_LOCK_GRACE_MS } from './data-dir-lock'

const CONTENDER = fileURLToPath(new URL('../../test-support/lock-contender.ts', import.meta.url))
const CONTENDERS = 8
const STALE_ROUNDS = 200
const UNLOCKED_ROUNDS = 40

interface Contender {
  child: ChildProcess
  pid: number
  next(): Promise<ContenderReply>
}

/** A real node process running the real acquireDataDirLock, driven over IPC. */
async function startContender(): Promise<Contender> {
  const child = fork(CONTENDER, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
  const inbox: ContenderReply[] = []
  const waiting: ((reply: ContenderReply) => void)[] = []
  child.on('message', (reply: ContenderReply) => {
    const waiter = waiting.shift()
    if (waiter) waiter(reply)
    else inbox.push(reply)
  })
  const next = () =>
    new Promise<ContenderReply>((resolve, reject) => {
      const queued = inbox.shift()
      if (queued) return resolve(queued)
      const timer = setTimeout(() => reject(new Error('a contender did not answer')), 30_000)
      waiting.push((reply) => {
        clearTimeout(timer)
        resolve(reply)
      })
    })
  const ready = await next()
  return { child, pid: ready.pid, next }
}

function send(contender: Contender, command: ContenderCommand): void {
  contender.child.send(command)
}

/** The pid of a process that has exited (checked again before each use). */
function deadPid(): number {
  for (;;) {
    const pid = spawnSync(process.execPath, ['-e', '']).pid
    if (pid && !isAlive(pid)) return pid
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

describe('one owner per embedded data folder', () => {
  let root: string
  let contenders: Contender[] = []

  beforeAll(async () => {
    root = await makeTempDir('tsdb-lock-race')
    contenders = await Promise.all(Array.from({ length: CONTENDERS }, () => startContender()))
  })

  afterAll(async () => {
    for (const c of contenders) c.child.kill()
    await rm(root, { recursive: true, force: true })
  })

  it(`${CONTENDERS} processes racing ${STALE_ROUNDS} times on a folder with a stale lock (and ${UNLOCKED_ROUNDS} times with none): exactly one holder each time`, async () => {
    let dead = deadPid()
    const wrong: string[] = []
    const total = STALE_ROUNDS + UNLOCKED_ROUNDS
    for (let round = 0; round < total; round++) {
      const dataDir = join(root, `round-${round}`, 'data')
      await mkdir(join(root, `round-${round}`))
      const kind = round >= STALE_ROUNDS ? 'none' : round % 2 === 0 ? 'dead pid' : 'old empty'
      if (kind === 'dead pid') {
        if (isAlive(dead)) dead = deadPid()
        // What a kill -9 leaves behind: the pid of a process that is gone.
        await writeFile(`${dataDir}.lock`, `${dead}\n`)
      } else if (kind === 'old empty') {
        // A process killed between creating its lock and writing its pid, long ago.
        await writeFile(`${dataDir}.lock`, '')
        const past = new Date(Date.now() - EMPTY_LOCK_GRACE_MS - 60_000)
        await utimes(`${dataDir}.lock`, past, past)
      }
      const at = Date.now() + 15
      for (const c of contenders) send(c, { op: 'acquire', dataDir, at })
      const replies = await Promise.all(contenders.map((c) => c.next()))
      const holders = replies.filter((r) => r.op === 'acquired')
      const refused = replies.filter((r) => r.op === 'refused')
      if (holders.length !== 1) {
        wrong.push(`round ${round} (${kind}): ${holders.length} holders`)
      } else {
        const holder = holders[0]!.pid
        const lockText = await readFile(`${dataDir}.lock`, 'utf8')
        if (Number(lockText.split('\n')[0]) !== holder) {
          wrong.push(`round ${round} (${kind}): the lock names ${lockText}, not ${holder}`)
        }
        for (const r of refused) {
          if (r.code !== 'engine_busy' || !r.message.includes(`process ${holder}`)) {
            wrong.push(`round ${round} (${kind}): refused with ${r.code} "${r.message}"`)
          }
        }
      }
      // Holders let go; the next round starts from a folder nobody holds.
      for (const c of contenders) send(c, { op: 'release' })
      await Promise.all(contenders.map((c) => c.next()))
      // Released, with no takeover marker or temporary file left beside it.
      const left = await readdir(join(root, `round-${round}`))
      if (holders.length === 1 && left.length > 0) {
        wrong.push(`round ${round} (${kind}): left behind ${left.join(', ')}`)
      }
    }
    expect(wrong).toEqual([])
  }, 300_000)
})

describe('acquireDataDirLock in one process', () => {
  let root: string

  beforeAll(async () => {
    root = await makeTempDir('tsdb-lock')
  })

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('refuses a second open in the same process, and allows it after release', async () => {
    const dataDir = join(root, 'same')
    const lock = await acquireDataDirLock(dataDir)
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({ code: 'engine_busy' })
    await lock.release()
    await (await acquireDataDirLock(dataDir)).release()
  })

  it('takes over the lock of a process that is gone', async () => {
    const dataDir = join(root, 'stale')
    await writeFile(`${dataDir}.lock`, `${deadPid()}\n`)
    const lock = await acquireDataDirLock(dataDir)
    expect((await readFile(`${dataDir}.lock`, 'utf8')).split('\n')[0]).toBe(String(process.pid))
    await lock.release()
  })

  it('treats a just-created empty lock as held, and an old one as stale', async () => {
    const dataDir = join(root, 'empty')
    await writeFile(`${dataDir}.lock`, '')
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({
      code: 'engine_busy',
      message: expect.stringContaining('being opened'),
    })
    const past = new Date(Date.now() - EMPTY_LOCK_GRACE_MS - 1000)
    await utimes(`${dataDir}.lock`, past, past)
    await (await acquireDataDirLock(dataDir)).release()
  })

  it('names a live holder', async () => {
    const dataDir = join(root, 'live')
    // The parent of this test process is alive and is not this process.
    await writeFile(`${dataDir}.lock`, `${process.ppid}\n`)
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({
      code: 'engine_busy',
      message: expect.stringContaining(`process ${process.ppid}`),
    })
  })
})
