import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron'
import { createBackend, type Backend } from '../backend/backend'
import { embeddedDataDirIn } from '../backend/paths'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { bindIpc, type IpcMainLike } from './ipc'
import { createSafeStorageSecretStore } from './secrets'
import {
  APP_ORIGIN,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  mainWindowOptions,
} from './security'

const here = dirname(fileURLToPath(import.meta.url))
const devServerUrl = process.env.ELECTRON_RENDERER_URL

/** Files the engine needs from disk are unpacked beside the asar archive. */
function unpacked(path: string): string {
  return path.replace(`${join('app.asar')}`, join('app.asar.unpacked'))
}

registerAppScheme()
app.enableSandbox()
// Tests (and people with several setups) can point the app at another profile folder.
if (process.env.TSDB_EXPLORER_USER_DATA_DIR) {
  app.setPath('userData', process.env.TSDB_EXPLORER_USER_DATA_DIR)
}

let backend: Backend | null = null
let mainWindow: BrowserWindow | null = null

function createWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(join(here, '..', 'preload', 'index.cjs')))
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => (mainWindow = null))
  void mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
}

if (!app.requestSingleInstanceLock()) {
  // The embedded engine's folder can be open in one process only.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => void shell.openExternal(url))
  })

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession)
    serveRenderer(join(here, '..', 'renderer'))
    const userData = app.getPath('userData')
    // safeStorage answers only after 'ready'; passwords never leave main unencrypted.
    const secretStore = createSafeStorageSecretStore({
      safeStorage,
      file: join(userData, 'secrets.json'),
    })
    backend = createBackend({
      host: 'electron',
      version: app.getVersion(),
      embeddedDataDir: embeddedDataDirIn(userData),
      configDir: userData,
      secretStore,
      engineWorkerPath: unpacked(join(here, 'engine-worker.js')),
      embeddedTemplateDir: unpacked(join(here, '..', 'embedded-template')),
      embeddedExtensionDir: unpacked(join(here, '..', 'embedded-extension')),
      startEmbeddedEarly: true,
      // The path of a console export comes from this dialog, never from the renderer.
      chooseExportFile: async (suggestedName) => {
        const options = {
          defaultPath: join(app.getPath('downloads'), suggestedName),
          filters: [{ name: 'CSV', extensions: ['csv'] }],
        }
        const picked = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options)
        return picked.canceled || !picked.filePath ? null : picked.filePath
      },
    })
    bindIpc({
      ipcMain: ipcMain as unknown as IpcMainLike,
      backend,
      isAllowedSender: (url) => isAppUrl(url, devServerUrl),
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    })
    createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })

  app.on('window-all-closed', () => app.quit())

  let closed = false
  app.on('before-quit', (event) => {
    if (closed || !backend) return
    // Close the embedded engine (it writes its data out) before the process goes.
    event.preventDefault()
    void backend.close().finally(() => {
      closed = true
      app.quit()
    })
  })
}
