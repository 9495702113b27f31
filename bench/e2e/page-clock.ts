/**
 * Times what a user waits for with the page's own clock: from the input
 * event's timeStamp (the click, the change of a select, the end of a drag) to
 * the animation frame after the page shows the outcome. The test runner's
 * clock would add Playwright's round trips to every figure.
 */
import type { Page } from '@playwright/test'

/** What the page must show for the wait to end. */
export type Outcome = { kind: 'loaded' } | { kind: 'chart' } | { kind: 'status'; pattern: string }

declare global {
  interface Window {
    __benchWait?: Promise<PageTiming | { error: string }>
  }
}

/**
 * Arms the page: the next `event` (capture phase, anywhere) starts the clock,
 * and the first frame after `outcome` holds stops it.
 */
export async function arm(
  page: Page,
  event: 'click' | 'change' | 'mouseup',
  outcome: Outcome,
  timeoutMs: number,
): Promise<void> {
  // A string, not a function: tsx's esbuild would wrap inner functions in a __name() the page lacks.
  await page.evaluate(`(${ARM})(${JSON.stringify({ event, outcome, timeoutMs })})`)
}

/** Runs in the page: see arm(). */
const ARM = String.raw`({ event, outcome, timeoutMs }) => {
  window.__benchWait = new Promise((resolve) => {
    let started = null
    let sawBusy = false
    const shown = () => {
      if (outcome.kind === 'loaded') {
        const status = document.querySelector('dialog p[role="status"]')
        return /^Loaded [\d,]+ rows/.test(status?.textContent ?? '')
      }
      if (outcome.kind === 'status') {
        const status = document.querySelector('footer.status-bar [role="status"]')
        return new RegExp(outcome.pattern).test(status?.textContent ?? '')
      }
      const area = document.querySelector('.chart-area')
      if (area?.getAttribute('aria-busy') === 'true') sawBusy = true
      return sawBusy && area?.getAttribute('aria-busy') === 'false'
    }
    const observer = new MutationObserver(() => {
      if (started === null || !shown()) return
      observer.disconnect()
      requestAnimationFrame(() =>
        finish({ ms: performance.now() - started, lastMessageMs: (window.__benchLastMessage ?? NaN) - started }),
      )
    })
    const timer = setTimeout(() => finish({ error: 'not shown within ' + timeoutMs + ' ms' }), timeoutMs)
    const finish = (result) => {
      observer.disconnect()
      clearTimeout(timer)
      resolve(result)
    }
    window.addEventListener(
      event,
      (e) => {
        started = e.timeStamp
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
      },
      { capture: true, once: true },
    )
  })
}`

/** Waits for the armed outcome; returns the page-clock milliseconds. */
/** Input → outcome on screen; and input → the last WebSocket message before it (the reply). */
export interface PageTiming {
  ms: number
  lastMessageMs: number
}

export async function settle(page: Page): Promise<PageTiming> {
  const result = await page.evaluate(() => window.__benchWait ?? { error: 'not armed' })
  if ('error' in result) throw new Error(`page clock: ${result.error}`)
  return result
}

/**
 * Init script: notes when each WebSocket message reaches the page (before the
 * app's own handler runs), so a wait splits into "reply arrived" and "drawn".
 */
export const MESSAGE_PROBE = `(() => {
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', () => { window.__benchLastMessage = performance.now() })
    }
  }
})()`

/** Arms, performs the input, and returns the page-clock milliseconds to the outcome. */
export async function timeInPage(
  page: Page,
  event: 'click' | 'change' | 'mouseup',
  outcome: Outcome,
  input: () => Promise<void>,
  timeoutMs = 30 * 60_000,
): Promise<PageTiming> {
  await arm(page, event, outcome, timeoutMs)
  await input()
  return settle(page)
}

/**
 * Start-up marks, recorded from the first script of the page: when the app's
 * main navigation is on screen (usable) and when the status bar names the
 * engine. Both in ms since navigation start, plus the page's timeOrigin.
 */
export function startupProbe(pattern: string): string {
  return `(() => {
    const marks = { timeOrigin: performance.timeOrigin, usable: null, connected: null }
    window.__benchStartup = marks
    const check = () => {
      const nav = document.querySelector('nav[aria-label="Main"] button')
      if (marks.usable === null && nav) requestAnimationFrame(() => { marks.usable ??= performance.now() })
      const status = document.querySelector('footer.status-bar [role="status"]')
      if (marks.connected === null && new RegExp(${JSON.stringify(pattern)}).test(status?.textContent ?? '')) {
        requestAnimationFrame(() => { marks.connected ??= performance.now() })
      }
    }
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true })
  })()`
}

export interface StartupMarks {
  timeOrigin: number
  usable: number | null
  connected: number | null
}

export async function readStartup(page: Page): Promise<StartupMarks> {
  return page.evaluate(() => (window as unknown as { __benchStartup: StartupMarks }).__benchStartup)
}
