import { join } from 'node:path'
import { BrowserWindow, dialog } from 'electron'
import type { OpenDialogOptions, SaveDialogOptions } from 'electron'
import type { QueryDialogs } from './services/queries/query-file-handlers'

const SQL_FILTERS = [{ name: 'SQL', extensions: ['sql'] }]

const showOpen = (options: OpenDialogOptions) => {
  const window = BrowserWindow.getFocusedWindow()
  return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)
}

const showSave = (options: SaveDialogOptions) => {
  const window = BrowserWindow.getFocusedWindow()
  return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)
}

/** The desktop's dialogs for saved queries, shown by main; each opens in the queries folder. */
export const queryDialogs: QueryDialogs = {
  async chooseFolder(current) {
    const options: OpenDialogOptions = {
      title: 'Folder for saved queries',
      defaultPath: current,
      properties: ['openDirectory', 'createDirectory'],
    }
    const chosen = await showOpen(options)
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null)
  },
  async openQuery(folder) {
    const options: OpenDialogOptions = {
      title: 'Open a saved query',
      defaultPath: folder,
      properties: ['openFile'],
      filters: SQL_FILTERS,
    }
    const chosen = await showOpen(options)
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null)
  },
  async saveQuery(folder, suggested) {
    const options: SaveDialogOptions = {
      title: 'Save query as',
      defaultPath: join(folder, suggested),
      filters: SQL_FILTERS,
    }
    const chosen = await showSave(options)
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath
  },
}
