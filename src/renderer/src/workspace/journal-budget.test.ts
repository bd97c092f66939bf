import { describe, expect, it } from 'vitest'
import { MAX_SAVED_TABS_BYTES, methods } from '../../../shared/contract'
import type { SavedQueryTab } from '../../../shared/contract'
import { fitJournal } from './journal-budget'

const tab = (id: string, sql: string): SavedQueryTab => ({ id, title: id, connectionId: 'c', engine: 'sqlite', sql })

describe('fitJournal', () => {
  it('sends a journal within the budget as it is', () => {
    const request = { tabs: [tab('a', 'SELECT 1')], activeId: 'a', closed: [tab('b', 'SELECT 2')] }
    expect(fitJournal(request, 1000)).toEqual({ ok: true, request, droppedClosed: 0 })
  })

  it('lets closed tabs go, oldest first, until it fits; open tabs are never cut', () => {
    const request = {
      tabs: [tab('open', 'x'.repeat(300))],
      activeId: 'open',
      closed: [tab('newest', 'n'.repeat(200)), tab('oldest', 'o'.repeat(200))],
    }
    const fitted = fitJournal(request, 800)
    expect(fitted).toMatchObject({ ok: true, droppedClosed: 1 })
    expect(fitted.ok && fitted.request.closed?.map((closed) => closed.id)).toEqual(['newest'])
    expect(fitted.ok && fitted.request.tabs).toEqual(request.tabs)
  })

  it('counts UTF-8 bytes, not characters, and says what to do when the open tabs alone are too large', () => {
    // 300 characters, 900 bytes in UTF-8.
    const request = { tabs: [tab('a', '✓'.repeat(300))], activeId: 'a', closed: [tab('b', 'x')] }
    const fitted = fitJournal(request, 800)
    expect(fitted.ok).toBe(false)
    expect(!fitted.ok && fitted.message).toMatch(/^Open tabs hold 0\.0 MiB of text, more than the 0\.0 MiB kept/)
    expect(!fitted.ok && fitted.message).toContain('save large scripts as .sql files (Ctrl/Cmd+S)')
    expect(fitJournal({ ...request, tabs: [tab('a', 'x'.repeat(300))] }, 800).ok).toBe(true)
  })

  it('main refuses a tabs.save above the budget too (the contract schema)', () => {
    const big = {
      tabs: [tab('a', 'x'.repeat(MAX_SAVED_TABS_BYTES / 2)), tab('b', 'y'.repeat(MAX_SAVED_TABS_BYTES / 2))],
    }
    const parsed = methods['tabs.save'].input.safeParse({ ...big, activeId: null })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('the tabs hold more text than the 10 MiB kept across restarts')
    expect(methods['tabs.save'].input.safeParse({ tabs: [tab('a', 'x')], activeId: null }).success).toBe(true)
  })
})
