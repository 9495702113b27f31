import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

/** Prints why tests were skipped (e.g. no Electron binary), once per reason. */
export default class SkipReasonReporter implements Reporter {
  private readonly reasons = new Map<string, number>()

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return
    const project = test.parent.project()?.name ?? '?'
    for (const note of test.annotations.filter((a) => a.type === 'skip')) {
      const key = `[${project}] ${note.description ?? 'no reason given'}`
      this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1)
    }
  }

  onEnd(): void {
    for (const [reason, count] of this.reasons) {
      process.stdout.write(`Skipped ${count} test(s) ${reason}\n`)
    }
  }

  printsToStdio(): boolean {
    return false
  }
}
