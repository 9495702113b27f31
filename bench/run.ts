/**
 * `npm run bench -- <suite> [options]`: side-by-side measurements (ours vs. the
 * reference tools on the same server in the same run). Never part of `npm test`.
 */
import { suites } from './suites'

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2)
  const available = Object.keys(suites)
  const suite = name ? suites[name] : undefined
  if (!suite) {
    const list = available.length > 0 ? available.join(', ') : '(none yet)'
    process.stdout.write(`Usage: npm run bench -- <suite> [options]\nSuites: ${list}\n`)
    process.exitCode = name ? 1 : 0
    return
  }
  await suite(args)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
