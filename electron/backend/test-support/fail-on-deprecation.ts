/**
 * A vitest setup file: a DeprecationWarning anywhere in a test file (ours or a
 * library's, e.g. node-postgres saying a client was asked to run two queries
 * at once) fails the test it surfaced in, with the warning's stack, instead of
 * scrolling past in the log. Node emits warnings on a later tick, so one that
 * lands after a file's last test fails the file in afterAll.
 */
import { afterAll, afterEach, expect } from 'vitest'

const seen: string[] = []

process.on('warning', (warning) => {
  if (warning.name === 'DeprecationWarning') seen.push(warning.stack ?? warning.message)
})

function expectNone(when: string): void {
  const found = seen.splice(0)
  expect(found, `DeprecationWarning ${when}`).toEqual([])
}

afterEach(async () => {
  // Let a warning emitted by the test's last statement arrive.
  await new Promise((resolve) => setImmediate(resolve))
  expectNone('during this test')
})

afterAll(() => expectNone('after the last test of this file'))
