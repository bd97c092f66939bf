import { describe, expect, it } from 'vitest'
import { ThemeController } from './theme-controller'
import { THEME_KEY } from './theme-setting'

function fakes(saved: string | null, dark: boolean) {
  const attributes = new Map<string, string>()
  const stored = new Map<string, string>(saved === null ? [] : [[THEME_KEY, saved]])
  const listeners: Array<() => void> = []
  const query = {
    matches: dark,
    addEventListener: (_type: 'change', listener: () => void) => void listeners.push(listener),
  }
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
  }
  const root = { setAttribute: (name: string, value: string) => void attributes.set(name, value) }
  const osChanges = (nowDark: boolean): void => {
    query.matches = nowDark
    for (const listener of listeners) listener()
  }
  return { attributes, stored, storage, root, query, osChanges }
}

describe('ThemeController', () => {
  it('follows the OS by default, before any choice, and when it changes', () => {
    const f = fakes(null, true)
    const controller = new ThemeController(f.root, f.storage, f.query)
    expect(controller.getState()).toEqual({ choice: 'system', theme: 'dark' })
    expect(f.attributes.get('data-theme')).toBe('dark')
    f.osChanges(false)
    expect(f.attributes.get('data-theme')).toBe('light')
  })

  it('keeps a manual choice whatever the OS says, and remembers it', () => {
    const f = fakes(null, false)
    const controller = new ThemeController(f.root, f.storage, f.query)
    let notified = 0
    controller.subscribe(() => notified++)
    controller.choose('dark')
    expect(f.attributes.get('data-theme')).toBe('dark')
    expect(f.stored.get(THEME_KEY)).toBe('dark')
    f.osChanges(false)
    expect(f.attributes.get('data-theme')).toBe('dark')
    expect(notified).toBe(1)
    // A new page over the same storage starts dark.
    const again = fakes('dark', false)
    expect(new ThemeController(again.root, again.storage, again.query).getState().theme).toBe('dark')
  })

  it('ignores a saved value it does not know, and works without storage or media queries', () => {
    const f = fakes('purple', true)
    expect(new ThemeController(f.root, f.storage, f.query).getState().choice).toBe('system')
    const bare = new ThemeController(f.root, undefined, undefined)
    expect(bare.getState()).toEqual({ choice: 'system', theme: 'light' })
    bare.choose('dark')
    expect(bare.getState().theme).toBe('dark')
  })
})
