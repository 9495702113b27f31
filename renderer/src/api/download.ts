import { webHostToken } from './ws-bridge'

/**
 * Starts a download the web host offered (a console export): the browser
 * fetches it with the session token and streams it into its file, with a
 * save dialog or not as the browser is set up. Electron saves through the
 * main process's dialog instead and never gets here.
 */
export function startDownload(path: string): void {
  const token = webHostToken(window.sessionStorage)
  const link = document.createElement('a')
  link.href = `${path}?token=${encodeURIComponent(token ?? '')}`
  link.download = ''
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}
