import { expect, test } from '../fixtures'

/**
 * What the Content-Security-Policy stops if markup ever got into the page:
 * an inline script, an inline event handler, a remote script and eval. The
 * same policy (shared/csp.ts) is sent by the web host and by Electron's app://
 * protocol; this runs in whichever host the project drives.
 */
test('an injected inline script, handler, remote script or eval does not run', async ({ app }) => {
  await expect(app.getByLabel('Status bar').getByRole('status')).toContainText('PostgreSQL', {
    timeout: 60_000,
  })
  const dialogs: string[] = []
  app.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const outcome = await app.evaluate(async () => {
    const flags = window as unknown as Record<string, unknown>
    const violations: string[] = []
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(event.effectiveDirective)
    })
    const inline = document.createElement('script')
    inline.textContent = 'window.__injected = "inline script ran"; alert(1)'
    document.body.append(inline)

    const handler = document.createElement('img')
    handler.setAttribute('onerror', 'window.__injected = "inline handler ran"; alert(2)')
    handler.setAttribute('src', '/no-such-image.png')
    document.body.append(handler)

    const remote = document.createElement('script')
    remote.src = 'https://evil.example/payload.js'
    document.body.append(remote)

    // A string handed to setTimeout is compiled like eval: the policy must refuse it too.
    window.setTimeout('window.__injected = "string timer ran"' as unknown as () => void, 0)
    // Give blocked loads and handlers time to have run, had they been allowed.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    for (const element of [inline, handler, remote]) element.remove()
    return { injected: flags.__injected ?? null, violations }
  })
  expect(outcome.injected).toBeNull()
  expect(outcome.violations).toEqual(
    expect.arrayContaining(['script-src-elem', 'script-src-attr', 'script-src']),
  )
  expect(dialogs).toEqual([])
})
