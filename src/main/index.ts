import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron'
import { EXPORT_FORMAT_INFO } from '../shared/contract'
import type { ExportFormat } from '../shared/contract'
import { createAppServices } from './app-services'
import type { AppServices } from './app-services'
import { attachElectronIpc } from './transport/electron-ipc'
import { WINDOW_CSP } from './window-csp'

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const rendererIndex = join(__dirname, '../renderer/index.html')
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : null

/** Only the app's own page may talk to main or be shown in the window. */
const isAppUrl = (url: string): boolean =>
  appOrigin ? url.startsWith(`${appOrigin}/`) : url.startsWith(pathToFileURL(rendererIndex).href)

function sampleDbPath(): string {
  if (process.env['QUARRY_SAMPLE_DB']) return process.env['QUARRY_SAMPLE_DB']
  return app.isPackaged ? join(process.resourcesPath, 'sample.db') : join(app.getAppPath(), 'resources', 'sample.db')
}

/** better-sqlite3 built for Electron's ABI (by `npm start`), for the SQLite engine processes. */
function useElectronSqliteBinding(): void {
  const binding = join(
    app.getAppPath(),
    'out',
    'native',
    `electron-${process.versions.electron}`,
    'better_sqlite3.node',
  )
  if (!process.env['QUARRY_SQLITE_BINDING'] && existsSync(binding)) process.env['QUARRY_SQLITE_BINDING'] = binding
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Quarry',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  // No navigation away from the app, no new windows: links open in the system browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(rendererIndex)
  return window
}

let services: AppServices | null = null

/** Exports: the file is chosen here, in main's save dialog; the renderer never names a path. */
async function chooseExportPath(format: ExportFormat): Promise<string | null> {
  const { extension, label } = EXPORT_FORMAT_INFO[format]
  const options = {
    title: 'Export result',
    defaultPath: join(app.getPath('documents'), `export.${extension}`),
    filters: [{ name: label, extensions: [extension] }],
  }
  const window = BrowserWindow.getFocusedWindow()
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WINDOW_CSP] } })
  })
  useElectronSqliteBinding()
  services = createAppServices({
    host: 'electron',
    version: app.getVersion(),
    sampleDb: sampleDbPath(),
    sqliteHostScript: join(__dirname, 'sqlite-host.js'),
    // QUARRY_DATA_DIR lets tests and portable setups keep saved connections elsewhere.
    dataDir: process.env['QUARRY_DATA_DIR'] || app.getPath('userData'),
    chooseExportPath,
  })
  attachElectronIpc(ipcMain, services.dispatch, isAppUrl)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('before-quit', () => {
  void services?.close()
})
