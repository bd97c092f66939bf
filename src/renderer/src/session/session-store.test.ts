import { describe, expect, it } from 'vitest'
import type { MethodName, SessionState } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { WorkspaceStore } from '../workspace/workspace-store'
import { SessionStore } from './session-store'

const OPEN: SessionState = { transaction: 'open', openedAt: 1, statements: 2, notice: null }

function setup(closeFails = false) {
  const calls: Array<[MethodName, unknown]> = []
  const client = {
    call: async (method: MethodName, input: unknown) => {
      calls.push([method, input])
      if (method === 'session.close' && closeFails) {
        return { ok: false, error: { kind: 'internal', message: 'Commit failed, so the transaction was rolled back' } }
      }
      if (method === 'session.close') return { ok: true, value: { closed: true } }
      return { ok: true, value: { transaction: 'idle', openedAt: null, statements: 0, notice: null } }
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  const sessions = new SessionStore(client)
  const workspace = new WorkspaceStore()
  workspace.setCloseGuard((tab, proceed) => sessions.release(tab, proceed))
  workspace.openQuery('pg', 'postgres')
  const tabId = workspace.getState().activeId!
  return { calls, sessions, workspace, tabId }
}

describe('closing a query tab with its session', () => {
  it('releases an idle session at once and closes the tab', async () => {
    const { calls, workspace, tabId } = setup()
    workspace.close(tabId)
    expect(workspace.getState().tabs).toHaveLength(0)
    expect(calls).toEqual([['session.close', { sessionId: tabId, action: 'rollback' }]])
  })

  it('asks before closing a tab whose transaction is open; Cancel keeps the tab and its transaction', async () => {
    const { calls, sessions, workspace, tabId } = setup()
    sessions.record(tabId, OPEN)
    workspace.close(tabId)
    expect(workspace.getState().tabs).toHaveLength(1)
    expect(sessions.pendingClose?.tabId).toBe(tabId)
    await sessions.answer('cancel')
    expect(sessions.pendingClose).toBeNull()
    expect(workspace.getState().tabs).toHaveLength(1)
    expect(calls).toEqual([])
    expect(sessions.openCount()).toBe(1)
  })

  it('Commit or Roll back ends the session that way, then closes the tab', async () => {
    for (const action of ['commit', 'rollback'] as const) {
      const { calls, sessions, workspace, tabId } = setup()
      sessions.record(tabId, OPEN)
      workspace.close(tabId)
      expect(await sessions.answer(action)).toBeNull()
      expect(calls).toEqual([['session.close', { sessionId: tabId, action }]])
      expect(workspace.getState().tabs).toHaveLength(0)
      expect(sessions.openCount()).toBe(0)
    }
  })

  it('a failed Commit keeps the tab open and says why', async () => {
    const { sessions, workspace, tabId } = setup(true)
    sessions.record(tabId, OPEN)
    workspace.close(tabId)
    const error = await sessions.answer('commit')
    expect(error?.message).toMatch(/rolled back/)
    expect(workspace.getState().tabs).toHaveLength(1)
  })

  it('Commit and Rollback buttons report the state main answers', async () => {
    const { calls, sessions, tabId } = setup()
    sessions.record(tabId, OPEN)
    await sessions.end(tabId, 'commit')
    expect(calls).toEqual([['session.transaction', { sessionId: tabId, action: 'commit' }]])
    expect(sessions.view(tabId).state.transaction).toBe('idle')
  })
})
