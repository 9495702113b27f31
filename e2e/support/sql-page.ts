import type { Page } from '@playwright/test'
import { decodeFrame } from '../../shared/wire'

/** One message on the web host's WebSocket, as shared/messages.ts frames it. */
export interface Frame {
  t?: string
  id?: string
  name?: string
  payload?: Record<string, unknown>
  result?: { ok: boolean }
}

/** Every message the page sends and receives over the web host's WebSocket (attach before goto). */
export function recordFrames(page: Page): { sent: Frame[]; received: Frame[] } {
  const frames = { sent: [] as Frame[], received: [] as Frame[] }
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') frames.sent.push(decodeFrame(payload) as Frame)
    })
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') frames.received.push(decodeFrame(payload) as Frame)
    })
  })
  return frames
}

/** Replaces the SQL editor's text, as pasting it would (no auto-closed brackets). */
export async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'SQL editor' })
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(sql)
  // Close the completion list typing may have opened.
  await page.keyboard.press('Escape')
}
