// Fails unless vitest's JSON report shows tests ran and all passed. Guards CI
// against a run that errors out before any test (vitest can exit 0 then).
import { readFileSync } from 'node:fs'

const path = process.argv[2] ?? 'test-results/vitest.json'
let report
try {
  report = JSON.parse(readFileSync(path, 'utf8'))
} catch (error) {
  console.error(`No readable vitest report at ${path}: ${error.message}`)
  process.exit(1)
}
const { numTotalTests = 0, numFailedTests = 0, numPassedTests = 0, success } = report
console.log(`vitest: ${numPassedTests} passed, ${numFailedTests} failed, ${numTotalTests} total`)
if (numTotalTests === 0 || numFailedTests > 0 || success !== true) process.exit(1)
