import { describe, expect, it } from 'vitest'
import { MAX_CLOSED_TABS } from '../../../shared/contract'
import type { SavedTabs } from '../../../shared/contract'
import { WorkspaceStore } from './workspace-store'
import type { QueryTab, Tab } from './workspace-store'

const table = { schema: 'main', name: 'customers', kind: 'table', rowCount: 3, rowCountExact: true } as const

/** A workspace with three query tabs, the middle one renamed and placed in a database. */
function threeTabs() {
  const workspace = new WorkspaceStore()
  workspace.openQuery('sample', 'sqlite', 'SELECT 1')
  workspace.openQuery('pg', 'postgres', 'SELECT 2\nFROM orders', { database: 'shop' })
  const middle = workspace.getState().activeId!
  workspace.rename(middle, 'Monthly revenue')
  workspace.openQuery('sample', 'sqlite', 'SELECT 3')
  return { workspace, middle }
}

const queries = (tabs: Tab[]) => tabs.map((tab) => (tab.kind === 'query' ? tab.sql : tab.title))

describe('WorkspaceStore: closed tabs are kept and reopened', () => {
  it('a closed query tab comes back where it stood, with its text, name, connection and database, active', () => {
    const { workspace, middle } = threeTabs()
    workspace.close(middle)
    expect(queries(workspace.getState().tabs)).toEqual(['SELECT 1', 'SELECT 3'])
    expect(workspace.getState().closed.map((entry) => entry.tab.title)).toEqual(['Monthly revenue'])

    expect(workspace.reopenClosed()).toBe(true)
    const { tabs, activeId, closed } = workspace.getState()
    expect(queries(tabs)).toEqual(['SELECT 1', 'SELECT 2\nFROM orders', 'SELECT 3'])
    const back = tabs[1] as QueryTab
    expect(back).toMatchObject({ title: 'Monthly revenue', connectionId: 'pg', engine: 'postgres', database: 'shop' })
    // A new id: the closed tab's session was let go; the reopened one starts its own.
    expect(back.id).not.toBe(middle)
    expect(activeId).toBe(back.id)
    expect(closed).toEqual([])
    expect(workspace.reopenClosed()).toBe(false)
  })

  it('reopens most recent first, or the one picked from the list; a query opened to run does not run again', () => {
    const workspace = new WorkspaceStore()
    workspace.openQuery('sample', 'sqlite', 'SELECT 1', { run: true })
    const first = workspace.getState().activeId!
    workspace.openQuery('sample', 'sqlite', 'SELECT 2')
    const second = workspace.getState().activeId!
    workspace.close(first)
    workspace.close(second)
    expect(workspace.getState().closed.map((entry) => entry.tab.id)).toEqual([second, first])
    workspace.reopenClosed(first)
    const reopened = workspace.getState().tabs[0] as QueryTab
    expect(reopened.sql).toBe('SELECT 1')
    expect(reopened.runOnOpen).toBeUndefined()
    expect(workspace.getState().closed.map((entry) => entry.tab.id)).toEqual([second])
  })

  it('a tab whose close waits for an answer (open transaction) is kept only once it really closes', () => {
    const { workspace, middle } = threeTabs()
    let proceed: (() => void) | null = null
    workspace.setCloseGuard((_tab, then) => {
      proceed = then
      return false
    })
    workspace.close(middle)
    expect(workspace.getState().tabs).toHaveLength(3)
    expect(workspace.getState().closed).toEqual([])
    proceed!()
    expect(workspace.getState().tabs).toHaveLength(2)
    expect(workspace.getState().closed.map((entry) => entry.tab.title)).toEqual(['Monthly revenue'])
  })

  it('a closed table tab reopens with its view; if it was opened again meanwhile, reopening goes to it', () => {
    const workspace = new WorkspaceStore()
    workspace.openTable('sample', 'sqlite', 'sample', table, 'structure')
    const id = workspace.getState().activeId!
    workspace.close(id)
    workspace.reopenClosed()
    expect(workspace.getState().tabs).toEqual([
      expect.objectContaining({ kind: 'table', id, view: 'structure', table, database: 'sample' }),
    ])
    workspace.close(id)
    workspace.openTable('sample', 'sqlite', 'sample', table)
    workspace.openQuery('sample', 'sqlite')
    workspace.reopenClosed()
    expect(workspace.getState().tabs).toHaveLength(2)
    expect(workspace.getState().activeId).toBe(id)
  })

  it(`keeps the last ${MAX_CLOSED_TABS} closed tabs, a tab closed twice once`, () => {
    const workspace = new WorkspaceStore()
    for (let n = 1; n <= MAX_CLOSED_TABS + 5; n++) {
      workspace.openQuery('sample', 'sqlite', `SELECT ${n}`)
      workspace.close(workspace.getState().activeId!)
    }
    const closed = workspace.getState().closed.map((entry) => (entry.tab as QueryTab).sql)
    expect(closed).toHaveLength(MAX_CLOSED_TABS)
    expect(closed[0]).toBe(`SELECT ${MAX_CLOSED_TABS + 5}`)
    workspace.openTable('sample', 'sqlite', 'sample', table)
    workspace.close(workspace.getState().activeId!)
    workspace.openTable('sample', 'sqlite', 'sample', table)
    workspace.close(workspace.getState().activeId!)
    expect(workspace.getState().closed.filter((entry) => entry.tab.kind === 'table')).toHaveLength(1)
  })
})

describe('WorkspaceStore: what is saved and restored', () => {
  it('saves query and table tabs in their order and the closed list; a restart restores all of them', () => {
    const { workspace, middle } = threeTabs()
    workspace.openTable('sample', 'sqlite', 'sample', table, 'structure')
    workspace.close(middle)
    const saved: SavedTabs = JSON.parse(JSON.stringify(workspace.savedTabs()))
    expect(saved.tabs.map((tab) => tab.kind ?? 'query')).toEqual(['query', 'query', 'table'])
    expect(saved.activeId).toBe('table:sample/sample/main/customers')
    expect(saved.closed).toHaveLength(1)

    const next = new WorkspaceStore()
    next.restore(saved)
    expect(next.getState().tabs.map((tab) => tab.kind)).toEqual(['query', 'query', 'table'])
    expect(next.getState().tabs[2]).toMatchObject({ kind: 'table', table, view: 'structure' })
    expect(next.getState().activeId).toBe('table:sample/sample/main/customers')
    expect(next.savedTabs()).toEqual(saved)
    // The closed tab survived the restart too, and keeps its name when reopened.
    next.reopenClosed()
    expect(next.getState().tabs.map((tab) => tab.title)).toContain('Monthly revenue')
    next.openQuery('sample', 'sqlite')
    expect(next.getState().tabs.at(-1)?.title).toBe('Query 4')
  })

  it('reads a file saved before table tabs were kept (query tabs without a kind, no closed list)', () => {
    const workspace = new WorkspaceStore()
    workspace.restore({
      tabs: [{ id: 'a', title: 'Query 2', connectionId: 'sample', engine: 'sqlite', sql: 'SELECT 2' }],
      activeId: 'a',
    })
    expect(workspace.getState()).toMatchObject({
      tabs: [{ kind: 'query', sql: 'SELECT 2' }],
      activeId: 'a',
      closed: [],
    })
  })
})
