import { describe, expect, it } from 'vitest'
import type { ConnectionSummary, MethodName, QueryFile, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { QueryTab } from '../workspace/workspace-store'
import { WorkspaceStore } from '../workspace/workspace-store'
import { hasUnsavedFileChanges } from './file-state'
import { SavedQueriesStore } from './saved-queries-store'

const sample = { id: 'sample', name: 'Sample', engine: 'sqlite', builtIn: true } as ConnectionSummary
const pg = { id: 'pg-1', name: 'Shop PG', engine: 'postgres' } as ConnectionSummary

/** A client over an in-memory folder: queries.save/open/list as main answers them. */
function fakeFolder(files = new Map<string, Omit<QueryFile, 'name' | 'modifiedMs'>>()) {
  const calls: Array<{ method: MethodName; input: Record<string, unknown> }> = []
  const ok = <T>(value: T): Result<T> => ({ ok: true, value })
  const client = {
    call: async (method: MethodName, input: Record<string, unknown>) => {
      calls.push({ method, input })
      if (method === 'queries.list') {
        const listed = [...files.keys()].map((name) => ({ name, size: 1, modifiedMs: 1 }))
        return ok({ path: '/q', canChoose: false, files: listed, skipped: 0 })
      }
      if (method === 'queries.open') {
        const file = files.get(input['name'] as string)
        return file
          ? ok({ name: input['name'], modifiedMs: 1, ...file })
          : { ok: false, error: { kind: 'not-found', message: 'gone' } }
      }
      if (method === 'queries.save') {
        const name = input['name'] as string
        if (files.has(name) && !input['overwrite']) {
          return { ok: false, error: { kind: 'invalid-input', code: 'QUARRY_FILE_EXISTS', message: 'exists' } }
        }
        const { sql, connection, database } = input as { sql: string; connection: string; database?: string }
        files.set(name, { sql, connection, database: database ?? null })
        return ok({ name, modifiedMs: 2 })
      }
      throw new Error(`unexpected ${method}`)
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, calls, files }
}

const activeTab = (workspace: WorkspaceStore): QueryTab => {
  const tab = workspace.getState().tabs.find((candidate) => candidate.id === workspace.getState().activeId)
  if (tab?.kind !== 'query') throw new Error('no active query tab')
  return tab
}

describe('SavedQueriesStore', () => {
  it('saves a tab as a named file with its connection, then Save writes to it; the marker follows edits', async () => {
    const { client, files } = fakeFolder()
    const workspace = new WorkspaceStore()
    const store = new SavedQueriesStore(client, workspace, () => [sample, pg])
    workspace.openQuery('pg-1', 'postgres', 'SELECT 1', { database: 'shop' })
    expect(await store.saveAs(activeTab(workspace), 'reports/daily.sql')).toEqual({
      kind: 'saved',
      name: 'reports/daily.sql',
    })
    expect(files.get('reports/daily.sql')).toEqual({ sql: 'SELECT 1', connection: 'Shop PG', database: 'shop' })
    expect(activeTab(workspace)).toMatchObject({ title: 'daily', file: { name: 'reports/daily.sql' } })
    expect(hasUnsavedFileChanges(activeTab(workspace))).toBe(false)

    workspace.patch(activeTab(workspace).id, { sql: 'SELECT 2' })
    expect(hasUnsavedFileChanges(activeTab(workspace))).toBe(true)
    workspace.patch(activeTab(workspace).id, { sql: 'SELECT 1' })
    expect(hasUnsavedFileChanges(activeTab(workspace))).toBe(false)
    workspace.patch(activeTab(workspace).id, { sql: 'SELECT 3' })
    expect(await store.save(activeTab(workspace))).toEqual({ kind: 'saved', name: 'reports/daily.sql' })
    expect(files.get('reports/daily.sql')?.sql).toBe('SELECT 3')
    expect(hasUnsavedFileChanges(activeTab(workspace))).toBe(false)
    // Pointed at another database: its file's header differs, so it is unsaved.
    workspace.retarget(activeTab(workspace).id, { connectionId: 'pg-1', engine: 'postgres', database: 'other' })
    expect(hasUnsavedFileChanges(activeTab(workspace))).toBe(true)
  })

  it('answers exists for a taken name, and replaces it only when asked', async () => {
    const { client, files } = fakeFolder(new Map([['a.sql', { sql: 'OLD', connection: 'Sample', database: null }]]))
    const workspace = new WorkspaceStore()
    const store = new SavedQueriesStore(client, workspace, () => [sample])
    workspace.openQuery('sample', 'sqlite', 'NEW')
    expect(await store.saveAs(activeTab(workspace), 'a.sql')).toEqual({ kind: 'exists', name: 'a.sql' })
    expect(files.get('a.sql')?.sql).toBe('OLD')
    expect(activeTab(workspace).file).toBeUndefined()
    expect(await store.saveAs(activeTab(workspace), 'a.sql', true)).toEqual({ kind: 'saved', name: 'a.sql' })
    expect(files.get('a.sql')?.sql).toBe('NEW')
  })

  it('opens a file on the connection its header names (by name), once: opening it again goes to its tab', async () => {
    const { client, calls } = fakeFolder(
      new Map([['shop.sql', { sql: 'SELECT * FROM orders', connection: 'Shop PG', database: 'shop' }]]),
    )
    const workspace = new WorkspaceStore()
    const store = new SavedQueriesStore(client, workspace, () => [sample, pg])
    await store.open('shop.sql')
    expect(activeTab(workspace)).toMatchObject({
      title: 'shop',
      connectionId: 'pg-1',
      database: 'shop',
      sql: 'SELECT * FROM orders',
      file: { name: 'shop.sql' },
    })
    expect(hasUnsavedFileChanges(activeTab(workspace))).toBe(false)
    workspace.openQuery('sample', 'sqlite')
    await store.open('shop.sql')
    expect(workspace.getState().tabs).toHaveLength(2)
    expect(activeTab(workspace).title).toBe('shop')
    expect(calls.filter((call) => call.method === 'queries.open')).toHaveLength(1)
  })

  it('opens a file whose connection is unknown on the sample, says so, and marks it unsaved', async () => {
    const { client } = fakeFolder(new Map([['x.sql', { sql: 'SELECT 1', connection: 'Gone', database: 'db' }]]))
    const workspace = new WorkspaceStore()
    const store = new SavedQueriesStore(client, workspace, () => [pg, sample])
    await store.open('x.sql')
    expect(activeTab(workspace)).toMatchObject({ connectionId: 'sample' })
    expect(activeTab(workspace).database).toBeUndefined()
    expect(store.getState().notice).toBe('x.sql: no connection is named “Gone”; it opened on Sample')
    expect(hasUnsavedFileChanges(activeTab(workspace))).toBe(true)
  })

  it('keeps the failure to show when a file cannot be read', async () => {
    const { client } = fakeFolder()
    const store = new SavedQueriesStore(client, new WorkspaceStore(), () => [sample])
    await store.open('missing.sql')
    expect(store.getState().error).toBe('gone')
  })
})
