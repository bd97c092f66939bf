import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron'
import { EXPORT_FORMAT_INFO } from '../shared/contract'
import type { ExportFormat } from '../shared/contract'
import { createAppServices } from './app-services'
import type { AppServices } from './app-services'
import { installLastResort } from './last-resort'
import { queryDialogs } from './query-dialogs'
import type { FileDialogs } from './services/handlers'
import { safeStorageCodec } from './services/secrets/safe-storage-codec'
import { attachElectronIpc } from './transport/electron-ipc'
import { WINDOW_CSP } from './window-csp'
import { appUrlMatcher, denyPermissions, guardWebContents } from './window-guards'

// Before anything else: an error no handler caught is logged, and the app keeps serving.
installLastResort()

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const rendererIndex = join(__dirname, '../renderer/index.html')
/** Only the app's own page may talk to main or be shown in the window. */
const isAppUrl = appUrlMatcher(pathToFileURL(rendererIndex).href, devServerUrl)

function sampleDbPath(): string {
  if (process.env['QUARRY_SAMPLE_DB']) return process.env['QUARRY_SAMPLE_DB']
  return app.isPackaged ? join(process.resourcesPath, 'sample.db') : join(app.getAppPath(), 'resources', 'sample.db')
}

/** The window's icon (taskbar, window list); from resources/, like the sample database. */
function iconPath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources', 'icon.png')
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
    icon: iconPath(),
    // Kept inline so the security scan (npm run security) reads them where the window is made.
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK -- reviewed: one named function per contract method and pathForFile (webUtils), never ipcRenderer
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  window.once('ready-to-show', () => window.show())
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(rendererIndex)
  return window
}

let services: AppServices | null = null

/** Export/import files chosen in the system's dialogs, read and written by main. */
const fileDialogs: FileDialogs = {
  async saveText(defaultName, text) {
    const window = BrowserWindow.getFocusedWindow()
    const options = { defaultPath: defaultName, filters: [{ name: 'Quarry connections', extensions: ['json'] }] }
    const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    if (chosen.canceled || !chosen.filePath) return null
    await writeFile(chosen.filePath, text, { encoding: 'utf8', mode: 0o600 })
    return chosen.filePath
  },
  async openText() {
    const window = BrowserWindow.getFocusedWindow()
    const options = {
      properties: ['openFile' as const],
      filters: [{ name: 'Quarry connections', extensions: ['json'] }],
    }
    const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    const path = chosen.canceled ? undefined : chosen.filePaths[0]
    return path ? readFile(path, 'utf8') : null
  },
  // Only a path comes back: the engine opens the file where it is (nothing is read here).
  async choosePath(filters) {
    const window = BrowserWindow.getFocusedWindow()
    const options = {
      title: 'Open a database or data file',
      properties: ['openFile' as const],
      filters: filters.map(({ name, extensions }) => ({ name, extensions: [...extensions] })),
    }
    const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null)
  },
}

/** Exports: the file is chosen here, in main's save dialog; the renderer never names a path. */
async function chooseExportPath(format: ExportFormat, archive = false): Promise<string | null> {
  const { extension, label } = archive
    ? { extension: 'zip', label: `ZIP of ${EXPORT_FORMAT_INFO[format].label} files` }
    : EXPORT_FORMAT_INFO[format]
  const options = {
    title: archive ? 'Export every result' : 'Export result',
    defaultPath: join(app.getPath('documents'), `export.${extension}`),
    filters: [{ name: label, extensions: [extension] }],
  }
  const window = BrowserWindow.getFocusedWindow()
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}

app.whenReady().then(() => {
  denyPermissions(session.defaultSession, isAppUrl)
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
    // Secrets encrypted by the OS keychain; without one, the dialog says where they are instead.
    secretCodec: safeStorageCodec(safeStorage),
    dialogs: fileDialogs,
    queryDialogs,
    chooseExportPath,
  })
  attachElectronIpc(ipcMain, services.dispatch, isAppUrl)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

// Every web contents, the window's and any other, stays on the app: no navigation, no new
// windows, no webviews; https links open in the system browser (isExternalLink checked them).
app.on('web-contents-created', (_event, contents) => {
  guardWebContents(contents, isAppUrl, (url) => void shell.openExternal(url)) // eng-disable OPEN_EXTERNAL_JS_CHECK -- reviewed: only https URLs reach it (isExternalLink)
  // The renderer holds the window open while a query tab has a transaction open: ask before it goes.
  contents.on('will-prevent-unload', (event) => {
    const window = BrowserWindow.fromWebContents(contents)
    const options = {
      type: 'warning' as const,
      buttons: ['Roll back and quit', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'A query tab has a transaction open',
      detail: 'Quitting rolls it back: nothing of it is committed. To keep the changes, stay and press Commit.',
    }
    const choice = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options)
    if (choice === 0) event.preventDefault()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('before-quit', () => {
  void services?.close()
})
