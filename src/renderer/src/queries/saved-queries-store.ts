import { QUERY_FILE_EXISTS_CODE } from '../../../shared/contract'
import type { ConnectionSummary, QueryFolderListing, QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { QueryTab, WorkspaceStore } from '../workspace/workspace-store'
import { fileStateHash, fileTitle } from './file-state'

export interface SavedQueriesState {
  listing: QueryFolderListing | null
  loading: boolean
  error: string | null
  /** Said after an open that could not use the file's connection. */
  notice: string | null
}

/** How a save ended: written, dismissed (desktop dialog), a file of that name is there, or failed. */
export type SaveOutcome =
  | { kind: 'saved'; name: string }
  | { kind: 'dismissed' }
  | { kind: 'exists'; name: string }
  | { kind: 'failed'; error: QuarryError }

/**
 * The queries folder's `.sql` files (the sidebar section), opened into query tabs and saved from
 * them. Plain TypeScript; React subscribes. Connections are named in a file's header and matched
 * by name when it opens (ids are local to one installation).
 */
export class SavedQueriesStore {
  private state: SavedQueriesState = { listing: null, loading: false, error: null, notice: null }
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly client: QuarryClient,
    private readonly workspace: WorkspaceStore,
    private readonly connections: () => ConnectionSummary[],
  ) {}

  getState = (): SavedQueriesState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async refresh(): Promise<void> {
    this.update({ loading: true })
    const result = await this.client.call('queries.list', {})
    if (result.ok) this.update({ listing: result.value, loading: false, error: null })
    else this.update({ loading: false, error: result.error.message })
  }

  /** Desktop: another folder, chosen in main's dialog. */
  async chooseFolder(): Promise<void> {
    const result = await this.client.call('queries.chooseFolder', {})
    if (!result.ok) return this.update({ error: result.error.message })
    if (result.value) this.update({ listing: result.value, error: null })
  }

  /** Opens a saved query into a tab (or goes to the tab that has it); no name: main's Open dialog (desktop). */
  async open(name?: string): Promise<void> {
    const already = name === undefined ? undefined : this.fileTab(name)
    if (already) return this.workspace.activate(already.id)
    const result = await this.client.call('queries.open', name === undefined ? {} : { name })
    if (!result.ok) return this.update({ error: result.error.message })
    if (!result.value) return
    const file = result.value
    const open = this.fileTab(file.name)
    if (open) return this.workspace.activate(open.id)
    const all = this.connections()
    const named = all.find((connection) => connection.name === file.connection)
    const connection = named ?? all.find((candidate) => candidate.builtIn) ?? all[0]
    if (!connection) return this.update({ error: 'No connection to open the query on' })
    const database = named && file.database !== null ? file.database : undefined
    const notice =
      file.connection !== null && !named
        ? `${file.name}: no connection is named “${file.connection}”; it opened on ${connection.name}`
        : null
    const savedHash = fileStateHash(file.sql, connection.id, database)
    // Opened on another connection than its header names: the tab differs from its file (unsaved).
    const hash = named || file.connection === null ? savedHash : `${savedHash}-elsewhere`
    this.workspace.openQuery(connection.id, connection.engine, file.sql, {
      ...(database ? { database } : {}),
      title: fileTitle(file.name),
      file: { name: file.name, savedHash: hash },
    })
    this.update({ notice, error: null })
  }

  /** Saves a tab to its file; a tab without one asks for a name (`saveAs`). */
  save(tab: QueryTab): Promise<SaveOutcome> {
    return tab.file ? this.write(tab, tab.file.name, true) : this.saveAs(tab)
  }

  /**
   * Saves a tab under a new name (browser mode: typed by the user; desktop: none, main's Save
   * dialog asks). A name that is taken answers `exists` unless `overwrite`.
   */
  saveAs(tab: QueryTab, name?: string, overwrite = false): Promise<SaveOutcome> {
    return this.write(tab, name, overwrite)
  }

  dismissNotice(): void {
    this.update({ notice: null, error: null })
  }

  private async write(tab: QueryTab, name: string | undefined, overwrite: boolean): Promise<SaveOutcome> {
    const connection = this.connections().find((candidate) => candidate.id === tab.connectionId)
    const { sql, database } = tab
    const input = {
      sql,
      connection: connection?.name ?? tab.connectionId,
      ...(name === undefined ? {} : { name }),
      ...(database ? { database } : {}),
      ...(overwrite ? { overwrite } : {}),
    }
    const result = await this.client.call('queries.save', input)
    if (!result.ok) {
      if (result.error.code === QUERY_FILE_EXISTS_CODE && name !== undefined) return { kind: 'exists', name }
      return { kind: 'failed', error: result.error }
    }
    if (!result.value) return { kind: 'dismissed' }
    const saved = result.value.name
    const file = { name: saved, savedHash: fileStateHash(sql, tab.connectionId, database) }
    // Saved under another name: the tab is that file now, and is named after it.
    this.workspace.patch(tab.id, saved === tab.file?.name ? { file } : { file, title: fileTitle(saved) })
    void this.refresh()
    return { kind: 'saved', name: saved }
  }

  private fileTab(name: string): QueryTab | undefined {
    return this.workspace
      .getState()
      .tabs.find((tab): tab is QueryTab => tab.kind === 'query' && tab.file?.name === name)
  }

  private update(patch: Partial<SavedQueriesState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}
