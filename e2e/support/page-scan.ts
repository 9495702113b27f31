import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page, WebSocket } from '@playwright/test'

/**
 * Looks at the running renderer from outside, the way React DevTools does,
 * without anything in the app's code for the purpose.
 *
 * The zustand store is not on window. Every component that reads it holds a
 * useSyncExternalStore hook; React keeps that hook's `subscribe` (the store's
 * own) in the deps of the effect that follows it in the fiber's hook list. The
 * probe walks the fiber tree from the root container, finds those subscribe
 * functions and subscribes to every store change, recording each whole state
 * (and the one before the first change) as JSON. It fails loudly if it finds
 * no store, so a React upgrade cannot make the scan silently empty.
 */
export async function watchStore(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    type Hook = { memoizedState: unknown; queue: unknown; next: Hook | null }
    type Fiber = {
      tag: number
      memoizedState: unknown
      child: Fiber | null
      sibling: Fiber | null
    }
    const rootElement = document.getElementById('root') as unknown as Record<string, unknown>
    const key = Object.keys(rootElement).find((k) => k.startsWith('__reactContainer$'))
    if (!key) return 0
    const subscribes = new Set<(listener: (state: unknown, prev: unknown) => void) => unknown>()
    const stack: Fiber[] = [rootElement[key] as Fiber]
    const functionTags = new Set([0, 11, 14, 15])
    while (stack.length > 0) {
      const fiber = stack.pop()!
      if (functionTags.has(fiber.tag)) {
        for (let hook = fiber.memoizedState as Hook | null; hook; hook = hook.next) {
          const queue = hook.queue as Record<string, unknown> | null
          const isExternalStore =
            queue !== null &&
            typeof queue === 'object' &&
            typeof queue.getSnapshot === 'function' &&
            'value' in queue
          const effect = hook.next?.memoizedState as { deps?: unknown[] } | null | undefined
          const subscribe = effect?.deps?.[0]
          if (isExternalStore && typeof subscribe === 'function') {
            subscribes.add(subscribe as never)
          }
        }
      }
      if (fiber.sibling) stack.push(fiber.sibling)
      if (fiber.child) stack.push(fiber.child)
    }
    const w = window as unknown as { __storeStates?: string[] }
    const states: string[] = (w.__storeStates = [])
    const serialise = (state: unknown) =>
      JSON.stringify(state, (_key, value: unknown) =>
        typeof value === 'function'
          ? undefined
          : ArrayBuffer.isView(value)
            ? `[${value.constructor.name}]`
            : value,
      )
    for (const subscribe of subscribes) {
      let first = true
      subscribe((state, prev) => {
        if (first) states.push(serialise(prev))
        first = false
        states.push(serialise(state))
      })
    }
    return subscribes.size
  })
  if (found === 0) throw new Error('found no zustand store in the React tree')
}

/** Every state the store has been in since watchStore (JSON). */
export async function storeStates(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __storeStates?: string[] }).__storeStates ?? [],
  )
}

/**
 * What the page holds that anyone could read: the DOM (markup and attributes),
 * the values of every field except password inputs (what the user typed
 * there is theirs to see), web storage, cookies, title and URL.
 */
export async function pageContents(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea, select')]
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'password'))
      .map((el) => (el as HTMLInputElement).value)
    const storage = (s: Storage) =>
      JSON.stringify(
        Object.fromEntries(
          Array.from({ length: s.length }, (_, i) => {
            const k = s.key(i) ?? ''
            return [k, s.getItem(k)]
          }),
        ),
      )
    return {
      dom: document.documentElement.outerHTML,
      fields: JSON.stringify(fields),
      localStorage: storage(window.localStorage),
      sessionStorage: storage(window.sessionStorage),
      cookies: document.cookie,
      title: document.title,
      url: location.href,
    }
  })
}

/** Records every frame the page receives on its WebSockets: each reply and event from the backend. */
export function recordReceivedFrames(page: Page): Buffer[] {
  const frames: Buffer[] = []
  page.on('websocket', (ws: WebSocket) => {
    ws.on('framereceived', ({ payload }) => {
      frames.push(typeof payload === 'string' ? Buffer.from(payload) : payload)
    })
  })
  return frames
}

/** Every file under `dir`, recursively, as raw bytes. */
export async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile())
  return Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name)
      return { path, bytes: await readFile(path) }
    }),
  )
}

/**
 * Proof that nothing a server sent was run as markup: no dialog opened, no
 * element carries an inline event handler, no img/iframe/object/embed/svg
 * came from server text, no script other than the app's bundle exists, and
 * the flag the payloads would set is unset.
 */
export async function expectNothingInjected(
  page: Page,
  dialogs: readonly string[],
  flag = '__pwned',
): Promise<void> {
  const found = await page.evaluate((name) => {
    const all = [...document.querySelectorAll('*')]
    return {
      handlers: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => a.name.startsWith('on'))
          .map((a) => `${el.tagName} ${a.name}`),
      ),
      embedded: [...document.querySelectorAll('img, iframe, object, embed, svg image, frame')]
        .map((el) => el.outerHTML)
        .filter((html) => /src=["']?x\b|pwned/i.test(html)),
      scripts: [...document.scripts]
        .filter((s) => !s.src || !s.src.includes('/assets/'))
        .map((s) => s.outerHTML),
      flag: (window as unknown as Record<string, unknown>)[name] ?? null,
    }
  }, flag)
  if (dialogs.length > 0) throw new Error(`a dialog opened: ${dialogs.join(' | ')}`)
  if (found.handlers.length > 0) throw new Error(`inline handlers: ${found.handlers.join(', ')}`)
  if (found.embedded.length > 0) throw new Error(`injected elements: ${found.embedded.join(', ')}`)
  if (found.scripts.length > 0)
    throw new Error(`scripts not from the app: ${found.scripts.join(', ')}`)
  if (found.flag !== null) throw new Error(`a payload ran: window.${flag} = ${String(found.flag)}`)
}
