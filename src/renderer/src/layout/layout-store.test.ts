import { describe, expect, it } from 'vitest'
import { DEFAULT_LAYOUT, EDITOR_RANGE, LAYOUT_KEY, SIDEBAR_RANGE, parseLayout } from './layout-model'
import { LayoutStore } from './layout-store'

const memory = (initial: Record<string, string> = {}) => {
  const values = new Map(Object.entries(initial))
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
  }
}

describe('layout model', () => {
  it('reads what it wrote, and falls back to defaults for anything damaged', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT)
    expect(parseLayout('{not json')).toEqual(DEFAULT_LAYOUT)
    expect(parseLayout('[1,2]')).toEqual(DEFAULT_LAYOUT)
    expect(parseLayout('{"sidebarWidth":"wide","editorShare":null,"sidebarCollapsed":"yes"}')).toEqual(DEFAULT_LAYOUT)
    expect(parseLayout('{"sidebarWidth":333,"editorShare":0.5,"sidebarCollapsed":true}')).toEqual({
      sidebarWidth: 333,
      editorShare: 0.5,
      sidebarCollapsed: true,
    })
  })

  it('clamps sizes saved out of range (a hand-edited or older value)', () => {
    expect(parseLayout('{"sidebarWidth":5,"editorShare":0.99}')).toMatchObject({
      sidebarWidth: SIDEBAR_RANGE.min,
      editorShare: EDITOR_RANGE.max,
    })
    expect(parseLayout('{"sidebarWidth":1e9,"editorShare":-1}')).toMatchObject({
      sidebarWidth: SIDEBAR_RANGE.max,
      editorShare: EDITOR_RANGE.min,
    })
  })
})

describe('LayoutStore', () => {
  it('remembers sizes across a reload (a new store over the same storage)', () => {
    const storage = memory()
    const store = new LayoutStore(storage)
    store.setSidebarWidth(350.4)
    store.setEditorShare(0.55)
    store.toggleSidebar()
    const reloaded = new LayoutStore(storage)
    expect(reloaded.getState()).toEqual({ sidebarWidth: 350, editorShare: 0.55, sidebarCollapsed: true })
    expect(JSON.parse(storage.values.get(LAYOUT_KEY)!)).toEqual(reloaded.getState())
  })

  it('resets each splitter to its default, and a drag re-opens a collapsed sidebar', () => {
    const store = new LayoutStore(
      memory({ [LAYOUT_KEY]: '{"sidebarWidth":400,"editorShare":0.6,"sidebarCollapsed":true}' }),
    )
    store.setSidebarWidth(420)
    expect(store.getState().sidebarCollapsed).toBe(false)
    store.resetSidebar()
    store.resetEditorShare()
    expect(store.getState()).toEqual(DEFAULT_LAYOUT)
  })

  it('notifies only on a change, clamps what it is given, and survives storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    const store = new LayoutStore(throwing)
    let changes = 0
    store.subscribe(() => changes++)
    store.setSidebarWidth(DEFAULT_LAYOUT.sidebarWidth)
    expect(changes).toBe(0)
    store.setSidebarWidth(10)
    store.setEditorShare(2)
    expect(store.getState()).toMatchObject({ sidebarWidth: SIDEBAR_RANGE.min, editorShare: EDITOR_RANGE.max })
    expect(changes).toBe(2)
  })
})
