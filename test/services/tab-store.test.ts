import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SavedQueryTab, SavedTableTab } from '../../src/shared/contract'
import { TABS_FILE, TabStore } from '../../src/main/services/tab-store'

const tab = (n: number, sql = `SELECT ${n}`): SavedQueryTab => ({
  id: `query-${n}`,
  title: `Query ${n}`,
  connectionId: 'sample',
  engine: 'sqlite',
  sql,
})

describe('TabStore', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-tabs-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('starts empty, and a new instance over the same directory (a restart) brings the tabs back', async () => {
    expect(new TabStore(dir).load()).toEqual({ tabs: [], activeId: null, closed: [], problem: null })
    const store = new TabStore(dir)
    await store.save({ tabs: [tab(1), tab(2, 'SELECT *\nFROM "événements" -- ✓')], activeId: 'query-2' })
    expect(new TabStore(dir).load()).toEqual({
      tabs: [tab(1), tab(2, 'SELECT *\nFROM "événements" -- ✓')],
      activeId: 'query-2',
      closed: [],
      problem: null,
    })
  })

  it('keeps table tabs among the query tabs, in order, and the recently closed tabs', async () => {
    const tableTab: SavedTableTab = {
      kind: 'table',
      id: 'table:sample/sample/main/customers',
      title: 'customers',
      connectionId: 'sample',
      engine: 'sqlite',
      database: 'sample',
      table: { schema: 'main', name: 'customers', kind: 'table', rowCount: null, rowCountExact: false },
      view: 'structure',
    }
    const saved = { tabs: [tab(1), tableTab, tab(2)], activeId: tableTab.id, closed: [tab(3, 'SELECT "closed"')] }
    await new TabStore(dir).save(saved)
    expect(new TabStore(dir).load()).toEqual({ ...saved, problem: null })
  })

  it('reads a file written before table tabs and closed tabs were kept', () => {
    writeFileSync(join(dir, TABS_FILE), JSON.stringify({ version: 1, activeId: 'query-1', tabs: [tab(1)] }))
    expect(new TabStore(dir).load()).toEqual({ tabs: [tab(1)], activeId: 'query-1', closed: [], problem: null })
  })

  it('keeps a renamed tab and the database it runs in', async () => {
    const renamed = { ...tab(1), title: 'Monthly revenue', connectionId: 'pg', engine: 'postgres' as const }
    const placed = { ...renamed, database: 'shop' }
    await new TabStore(dir).save({ tabs: [placed], activeId: null })
    expect(new TabStore(dir).load().tabs).toEqual([placed])
  })

  it('writes atomically: no temporary file is left, and the last of several saves wins', async () => {
    const store = new TabStore(dir)
    await Promise.all([1, 2, 3].map((n) => store.save({ tabs: [tab(n)], activeId: null })))
    expect(readdirSync(dir)).toEqual([TABS_FILE])
    expect(new TabStore(dir).load().tabs).toEqual([tab(3)])
  })

  it('forgets an active id that names no saved tab', async () => {
    const store = new TabStore(dir)
    await store.save({ tabs: [tab(1)], activeId: 'table:x' })
    expect(new TabStore(dir).load().activeId).toBeNull()
  })

  it('keeps a damaged file aside, reports it, starts empty and saves anew', async () => {
    writeFileSync(join(dir, TABS_FILE), '{"version":1,"tabs":[{"id":')
    const store = new TabStore(dir)
    const loaded = store.load()
    expect(loaded.tabs).toEqual([])
    expect(loaded.problem).toMatch(/was damaged .*kept as .*query-tabs\.json\.corrupt-/)
    const aside = readdirSync(dir).filter((name) => name.startsWith(`${TABS_FILE}.corrupt-`))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{"version":1,"tabs":[{"id":')
    await store.save({ tabs: [tab(1)], activeId: 'query-1' })
    expect(new TabStore(dir).load()).toEqual({ tabs: [tab(1)], activeId: 'query-1', closed: [], problem: null })
  })

  it('treats a file of the wrong shape as damaged too', () => {
    writeFileSync(join(dir, TABS_FILE), JSON.stringify({ version: 1, activeId: null, tabs: [{ id: 'x' }] }))
    expect(new TabStore(dir).load().problem).toMatch(/unexpected content at tabs\.0/)
  })

  it('says clearly when the disk refuses the write, and keeps the last saved tabs', async () => {
    const store = new TabStore(dir)
    await store.save({ tabs: [tab(1)], activeId: null })
    // The data directory replaced by a file: every write fails.
    rmSync(dir, { recursive: true, force: true })
    writeFileSync(dir, 'not a folder')
    await expect(store.save({ tabs: [tab(2)], activeId: null })).rejects.toThrow(/^Could not save query-tabs\.json: /)
    expect(store.load().tabs).toEqual([tab(1)])
    rmSync(dir, { force: true })
    mkdirSync(dir)
  })

  it('without a directory, keeps tabs in memory only', async () => {
    const store = new TabStore(null)
    await store.save({ tabs: [tab(1)], activeId: null })
    expect(store.load().tabs).toEqual([tab(1)])
    expect(existsSync(join(dir, TABS_FILE))).toBe(false)
  })
})
