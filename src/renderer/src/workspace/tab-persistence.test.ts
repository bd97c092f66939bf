import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MethodInput, MethodName } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { SAVE_DELAY_MS, TabPersistence } from './tab-persistence'
import { WorkspaceStore } from './workspace-store'

function fakeClient() {
  const saves: MethodInput<'tabs.save'>[] = []
  const client = {
    call: async (method: MethodName, input: unknown) => {
      if (method === 'tabs.save') saves.push(input as MethodInput<'tabs.save'>)
      return { ok: true, value: { saved: 0 } }
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, saves }
}

describe('TabPersistence and WorkspaceStore.restore', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves query tabs once typing pauses, not on every keystroke, and not table tabs', async () => {
    const { client, saves } = fakeClient()
    const workspace = new WorkspaceStore()
    const persistence = new TabPersistence(client, workspace)
    workspace.openQuery('sample', 'sqlite')
    const id = workspace.getState().activeId!
    for (const sql of ['S', 'SE', 'SEL', 'SELECT 1']) {
      workspace.patch(id, { sql })
      vi.advanceTimersByTime(SAVE_DELAY_MS / 4)
    }
    expect(saves).toHaveLength(0)
    workspace.openTable('sample', 'sqlite', 'sample', {
      schema: 'main',
      name: 't',
      kind: 'table',
      rowCount: 1,
      rowCountExact: true,
    })
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(saves).toEqual([
      { tabs: [{ id, title: 'Query 1', connectionId: 'sample', engine: 'sqlite', sql: 'SELECT 1' }], activeId: null },
    ])
    // Nothing changed in the query tabs: no second save.
    workspace.activate(id)
    await persistence.flush()
    expect(saves).toHaveLength(2)
    expect(saves[1]!.activeId).toBe(id)
    await persistence.flush()
    expect(saves).toHaveLength(2)
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
    expect(workspace.savedTabs().tabs.map((tab) => tab.sql)).toEqual(['SELECT 4', 'SELECT 7'])
    workspace.openQuery('sample', 'sqlite')
    expect(workspace.getState().tabs.at(-1)?.title).toBe('Query 8')
  })
})
