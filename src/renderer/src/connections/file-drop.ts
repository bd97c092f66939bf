import {
  connectionNameForFile,
  droppableExtensions,
  engineForDroppedFile,
  fileNameOf,
} from '../../../shared/engines/engine-files'
import type { ConnectionProfileInput, EngineId } from '../../../shared/contract'

/** One file dropped on the window: its name, and its path where the host can tell it. */
export interface DroppedFile {
  name: string
  /** '' or undefined: the host cannot tell (browser mode never can). */
  path?: string
}

/** What a drop does: open a file as a connection, or say why it cannot. */
export type DropPlan =
  { kind: 'open'; engine: EngineId; path: string; profile: ConnectionProfileInput } | { kind: 'notice'; text: string }

/** What browser mode says: the page is never told where a dropped file lives. */
export const BROWSER_DROP_NOTICE =
  'Browser mode cannot open a dropped file: the browser does not tell Quarry where it is. ' +
  'Use + Connection and type the file’s path instead.'

/** The extensions a drop opens, as `.csv .parquet …`. */
const knownExtensions = (): string =>
  droppableExtensions()
    .map((extension) => `.${extension}`)
    .join(' ')

/** What the window says while a file is held over it: what a drop will do on this host. */
export const dropHint = (takesPaths: boolean): string =>
  takesPaths
    ? `Drop a file to open it as a connection (${knownExtensions()})`
    : 'Browser mode cannot open a dropped file: use + Connection and type its path'

/** What dropping one file does: open it with the engine its extension names, or a notice. */
export function planDrop(file: DroppedFile): DropPlan {
  if (!file.path) return { kind: 'notice', text: BROWSER_DROP_NOTICE }
  const engine = engineForDroppedFile(file.path)
  if (!engine) {
    const text = `Quarry cannot open ${fileNameOf(file.path)} by a drop: it opens ${knownExtensions()} files.`
    return { kind: 'notice', text }
  }
  const profile: ConnectionProfileInput = { name: connectionNameForFile(file.path), engine, file: file.path }
  return { kind: 'open', engine, path: file.path, profile }
}
