import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../shared/contract'
import { renamedTitle } from './tab-name'
import { tabTitle } from './tab-title'
import { WorkspaceStore } from './workspace-store'
import type { QueryTab, TableTab } from './workspace-store'

const summary = (id: string, over: Partial<ConnectionSummary> = {}): ConnectionSummary => ({
  id,
  name: id,
  engine: 'postgres',
  detail: 'localhost:5432',
  readOnly: false,
  safeMode: false,
  ...over,
})
const query = (over: Partial<QueryTab> = {}): QueryTab => ({
  kind: 'query',
  id: 'q1',
  title: 'Query 1',
  connectionId: 'pg',
  engine: 'postgres',
  sql: '',
  ...over,
})
const table = (connectionId: string): TableTab => ({
  kind: 'table',
  id: `table:${connectionId}`,
  title: 'orders',
  connectionId,
  engine: 'postgres',
  database: 'shop',
  table: { schema: 'public', name: 'orders', kind: 'table', rowCount: 1, rowCountExact: false },
  view: 'data',
})

describe('tabTitle', () => {
  it('names the connection, its colour, the database and the schema', () => {
    const title = tabTitle(query(), summary('pg', { name: 'prod', database: 'shop', color: 'teal' }))
    expect(title).toMatchObject({ title: 'Query 1', connectionName: 'prod', color: 'teal', place: 'shop · public' })
    expect(title.colorValue).toMatch(/^#[0-9a-f]{6}$/)
    expect(title.tooltip).toBe('Query 1 — prod (PostgreSQL) · shop · public')
  })

  it('prefers the database the tab was opened on or switched to', () => {
    const title = tabTitle(query({ database: 'other' }), summary('pg', { database: 'shop' }))
    expect(title.place).toBe('other · public')
  })

  it("falls back to the connection's only database, then the engine's default one", () => {
    const sqlite = query({ connectionId: 'sample', engine: 'sqlite' })
    expect(tabTitle(sqlite, summary('sample', { engine: 'sqlite' }), ['sample']).place).toBe('sample · main')
    expect(tabTitle(sqlite, summary('sample', { engine: 'sqlite' }), null).place).toBe('main')
    expect(tabTitle(query(), summary('pg'), ['postgres', 'shop']).place).toBe('postgres · public')
  })

  it('shows no schema where the engine has none, and MySQL databases as schemas', () => {
    const mongo = query({ engine: 'mongodb', database: 'app' })
    expect(tabTitle(mongo, summary('pg', { engine: 'mongodb' })).place).toBe('app')
    const mysql = query({ engine: 'mysql' })
    expect(tabTitle(mysql, summary('pg', { engine: 'mysql', database: 'shop' })).place).toBe('shop')
  })

  it('tells two "orders" tabs of two connections apart by colour and name', () => {
    const a = tabTitle(table('a'), summary('a', { name: 'staging', color: 'blue' }))
    const b = tabTitle(table('b'), summary('b', { name: 'prod', color: 'orange' }))
    expect(a.title).toBe(b.title)
    expect([a.connectionName, a.color]).not.toEqual([b.connectionName, b.color])
    expect(a.place).toBe('shop · public')
  })

  it('derives a colour from the id when the connection chose none, and survives a removed connection', () => {
    expect(tabTitle(query(), summary('pg')).color).toBe(tabTitle(query(), undefined).color)
    expect(tabTitle(query(), undefined).connectionName).toBe('connection removed')
  })
})

describe('renaming and retargeting tabs', () => {
  it('renames to a trimmed one-line name; a blank name keeps the old one', () => {
    expect(renamedTitle('  orders  by\nday ')).toBe('orders by day')
    expect(renamedTitle('   ')).toBeNull()
    expect(renamedTitle('x'.repeat(500))).toHaveLength(120)
    const workspace = new WorkspaceStore()
    workspace.openQuery('pg', 'postgres')
    const id = workspace.getState().activeId!
    workspace.rename(id, ' Monthly revenue ')
    workspace.rename(id, '')
    expect(workspace.savedTabs().tabs[0]).toMatchObject({ title: 'Monthly revenue' })
  })

  it('opens on a database, saves it, and switches to another connection', () => {
    const workspace = new WorkspaceStore()
    workspace.openQuery('pg', 'postgres', 'select 1', { database: 'shop' })
    const id = workspace.getState().activeId!
    expect(workspace.savedTabs().tabs[0]).toMatchObject({ database: 'shop', sql: 'select 1' })
    workspace.retarget(id, { connectionId: 'sample', engine: 'sqlite' })
    const saved = workspace.savedTabs().tabs[0]!
    expect(saved).toMatchObject({ connectionId: 'sample', engine: 'sqlite', sql: 'select 1', title: 'Query 1' })
    expect(saved.database).toBeUndefined()
  })
})
