import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, METHOD_NAMES } from '../../src/shared/contract/method-names'

/** What the preload hands to contextBridge, and what it does with ipcRenderer. */
const exposed = vi.hoisted(() => ({ key: '', api: null as unknown, invoked: [] as unknown[][], on: [] as string[] }))

vi.mock('electron', () => ({
  webUtils: { getPathForFile: (file: File) => `/dropped/${file.name}` },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed.key = key
      exposed.api = api
    },
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      exposed.invoked.push(args)
      return Promise.resolve({ ok: true, value: null })
    },
    on: (channel: string) => exposed.on.push(channel),
    removeListener: () => {},
  },
}))

describe('preload bridge', () => {
  beforeEach(async () => {
    await import('../../src/preload/index')
  })

  it('exposes one function per contract method and an event subscription, never ipcRenderer', () => {
    expect(exposed.key).toBe('quarry')
    const api = exposed.api as { methods: Record<string, unknown>; onEvent: unknown }
    expect(Object.keys(api).sort()).toEqual(['methods', 'onEvent', 'pathForFile'])
    expect(Object.keys(api.methods).sort()).toEqual([...METHOD_NAMES].sort())
    for (const fn of Object.values(api.methods)) expect(typeof fn).toBe('function')
    expect(typeof api.onEvent).toBe('function')
    // Nothing that looks like Electron's objects or a generic send.
    const seen = JSON.stringify(Object.keys(api)) + JSON.stringify(Object.keys(api.methods))
    expect(seen).not.toMatch(/ipcRenderer|send|invoke/)
  })

  it('sends every call on the contract channel with its own method name only', async () => {
    const api = exposed.api as { methods: Record<string, (input: unknown) => Promise<unknown>> }
    exposed.invoked.length = 0
    await api.methods['app.info']!({})
    expect(exposed.invoked).toEqual([[CHANNELS.call, 'app.info', {}]])
  })

  it('tells a dropped file’s path through webUtils, and nothing for what is not a File', () => {
    const api = exposed.api as { pathForFile: (file: unknown) => string }
    expect(api.pathForFile(new File(['a,b'], 'measurements.csv'))).toBe('/dropped/measurements.csv')
    expect(api.pathForFile(new Blob(['a,b']))).toBe('')
    expect(api.pathForFile({ name: '../../etc/passwd', path: '/etc/passwd' })).toBe('')
  })

  it('listens on the contract event channel only', () => {
    const api = exposed.api as { onEvent: (listener: () => void) => () => void }
    exposed.on.length = 0
    const off = api.onEvent(() => {})
    expect(exposed.on).toEqual([CHANNELS.event])
    off()
  })
})
