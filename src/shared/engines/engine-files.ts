import type { FileFilter } from './engine-descriptor'
import { ENGINE_LIST, engineOf } from './engine-list'
import type { EngineId } from './engine-list'

/** The picker's last filter: any file (a data file need not have a known extension). */
export const ALL_FILES_FILTER: FileFilter = { name: 'All files', extensions: ['*'] }

/** A path's last part, whichever separator it uses (a Windows path reaches a POSIX renderer too). */
export const fileNameOf = (path: string): string => path.split(/[\\/]/).pop() ?? path

/** A file name's extension, lower case and without the dot; '' when it has none. */
export function extensionOf(path: string): string {
  const name = fileNameOf(path)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** The engine a file dropped on the window opens with, by its extension; null: none does. */
export function engineForDroppedFile(path: string): EngineId | null {
  const extension = extensionOf(path)
  if (!extension) return null
  return ENGINE_LIST.find((engine) => engine.files?.opensOnDrop.includes(extension))?.id ?? null
}

/** Every extension a drop opens, for the message that names them. */
export const droppableExtensions = (): string[] => ENGINE_LIST.flatMap((engine) => engine.files?.opensOnDrop ?? [])

/** The file picker's filters for an engine (its own, then All files); null: it takes no file. */
export function pickerFiltersOf(engine: EngineId): FileFilter[] | null {
  const files = engineOf(engine).files
  return files ? [...files.pickerFilters, ALL_FILES_FILTER] : null
}

/** A connection's default name for a file: its name without the extension. */
export function connectionNameForFile(path: string): string {
  const name = fileNameOf(path)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}
