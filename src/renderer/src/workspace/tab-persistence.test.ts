import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MethodInput, MethodName } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { SAVE_DELAY_MS, SAVE_MAX_WAIT_MS, TabPersistence } from './tab-persistence'
import { WorkspaceStore } from './workspace-store'

function fakeClient(answerAfterMs = 0) {
  const saves: MethodInput<'tabs.save'>[] = []
  let inFlight = 0
  let mostInFlight = 0
  const client = {
    call: async (method: MethodName, input: unknown) => {
      if (method === 'tabs.save') {
        saves.push(input as MethodInput<'tabs.save'>)
        inFlight += 1
        mostInFlight = Math.max(mostInFlight, inFlight)
        if (answerAfterMs > 0) await new Promise((resolve) => setTimeout(resolve, answerAfterMs))
        inFlight -= 1
      }
      return { ok: true, value: { saved: 0 } }
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, saves, mostInFlight: () => mostInFlight }
}

const table = { schema: 'main', name: 't', kind: 'table', rowCount: 1, rowCountExact: true } as const

describe('TabPersistence and WorkspaceStore.restore', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once typing pauses, not on every keystroke, with the table tabs', async () => {
    const { client, saves } = fakeClient()
    const workspace = new WorkspaceStore()
    const persistence = new TabPersistence(client, workspace)
    workspace.openQuery('sample', 'sqlite')
    const id = workspace.getState().activeId!
    for (const sql of ['S', 'SE', 'SEL', 'SELECT 1']) {
      workspace.patch(id, { sql })
      vi.advanceTimersByTime(SAVE_DELAY_MS / 5)
    }
    expect(saves).toHaveLength(0)
    workspace.openTable('sample', 'sqlite', 'sample', table)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(saves).toEqual([
      {
        tabs: [
          { id, title: 'Query 1', connectionId: 'sample', engine: 'sqlite', sql: 'SELECT 1' },
          {
            kind: 'table',
            id: 'table:sample/sample/main/t',
            title: 't',
            connectionId: 'sample',
            engine: 'sqlite',
            database: 'sample',
            table,
            view: 'data',
          },
        ],
        activeId: 'table:sample/sample/main/t',
        closed: [],
      },
    ])
    // Nothing changed: no second save.
    workspace.activate(id)
    await persistence.flush()
    expect(saves).toHaveLength(2)
    expect(saves[1]!.activeId).toBe(id)
    await persistence.flush()
    expect(saves).toHaveLength(2)
    persistence.dispose()
  })

  it('while typing goes on without a pause, what is saved is never more than SAVE_MAX_WAIT_MS behind', async () => {
    const { client, saves } = fakeClient()
    const workspace = new WorkspaceStore()
    const persistence = new TabPersistence(client, workspace)
    workspace.openQuery('sample', 'sqlite')
    const id = workspace.getState().activeId!
    const typed: Array<{ at: number; sql: string }> = []
    let sql = ''
    // A key every 60 ms for 5 s: typing never pauses for SAVE_DELAY_MS.
    for (let t = 0; t < 5000; t += 60) {
      sql += String.fromCharCode(97 + (t % 26))
      workspace.patch(id, { sql })
      typed.push({ at: Date.now(), sql })
      await vi.advanceTimersByTimeAsync(60)
      const onDisk = saves.at(-1)?.tabs[0]
      const due = typed.filter((key) => key.at <= Date.now() - SAVE_MAX_WAIT_MS).at(-1)
      if (due) expect(onDisk && 'sql' in onDisk ? onDisk.sql.length : 0).toBeGreaterThanOrEqual(due.sql.length)
    }
    // And not a save per keystroke: about one per SAVE_MAX_WAIT_MS.
    expect(saves.length).toBeLessThanOrEqual(Math.ceil(5000 / SAVE_MAX_WAIT_MS) + 1)
    persistence.dispose()
  })

  it('sends one save at a time; changes made meanwhile follow in one save of the latest state', async () => {
    const { client, saves, mostInFlight } = fakeClient(SAVE_MAX_WAIT_MS * 3)
    const workspace = new WorkspaceStore()
    const persistence = new TabPersistence(client, workspace)
    workspace.openQuery('sample', 'sqlite')
    const id = workspace.getState().activeId!
    for (let n = 1; n <= 40; n++) {
      workspace.patch(id, { sql: `SELECT ${n}` })
      await vi.advanceTimersByTimeAsync(100)
    }
    await vi.advanceTimersByTimeAsync(SAVE_MAX_WAIT_MS * 10)
    expect(mostInFlight()).toBe(1)
    expect(saves.at(-1)!.tabs[0]).toMatchObject({ sql: 'SELECT 40' })
    expect(saves.length).toBeLessThan(10)
    persistence.dispose()
  })

  it('says when a save does not reach the disk, tries again on the next change, and clears once one does', async () => {
    let refuse = true
    const calls: string[] = []
    const client = {
      call: async (_method: MethodName, input: MethodInput<'tabs.save'>) => {
        calls.push((input.tabs[0] as { sql: string }).sql)
        if (refuse) return { ok: false, error: { kind: 'internal', message: 'Could not save query-tabs.json: ENOSPC' } }
        return { ok: true, value: { saved: 1 } }
      },
      onEvent: () => () => undefined,
    } as unknown as QuarryClient
    const workspace = new WorkspaceStore()
    const errors: string[] = []
    const persistence = new TabPersistence(client, workspace, (error) => errors.push(error.message))
    let changes = 0
    persistence.subscribe(() => (changes += 1))
    workspace.openQuery('sample', 'sqlite', 'SELECT 1')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10)
    expect(persistence.getProblem()).toBe('Could not save query-tabs.json: ENOSPC')
    expect(errors).toEqual(['Could not save query-tabs.json: ENOSPC'])
    refuse = false
    workspace.patch(workspace.getState().activeId!, { sql: 'SELECT 2' })
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10)
    expect(calls).toEqual(['SELECT 1', 'SELECT 2'])
    expect(persistence.getProblem()).toBeNull()
    expect(changes).toBe(2)
    persistence.dispose()
  })

  it('sends nothing when the open tabs hold more than the journal keeps, and says so', async () => {
    const { client, saves } = fakeClient()
    const workspace = new WorkspaceStore()
    const persistence = new TabPersistence(client, workspace)
    workspace.openQuery('sample', 'sqlite', 'x'.repeat(6 * 1024 * 1024))
    workspace.openQuery('sample', 'sqlite', 'y'.repeat(6 * 1024 * 1024))
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10)
    expect(saves).toHaveLength(0)
    expect(persistence.getProblem()).toMatch(/^Open tabs hold 12\.0 MiB of text, more than the 10\.0 MiB kept/)
    persistence.dispose()
  })

  it('restores saved tabs in order, the active one active, and numbers new tabs on', () => {
    const workspace = new WorkspaceStore()
    workspace.restore({
      tabs: [
        { id: 'a', title: 'Query 4', connectionId: 'sample', engine: 'sqlite', sql: 'SELECT 4' },
        { id: 'b', title: 'Query 7', connectionId: 'pg', engine: 'postgres', sql: 'SELECT 7' },
      ],
      activeId: 'a',
    })
    expect(workspace.getState().activeId).toBe('a')
    expect(workspace.savedTabs().tabs.map((tab) => ('sql' in tab ? tab.sql : null))).toEqual(['SELECT 4', 'SELECT 7'])
    workspace.openQuery('sample', 'sqlite')
    expect(workspace.getState().tabs.at(-1)?.title).toBe('Query 8')
  })
})
