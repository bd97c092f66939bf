import { EventEmitter } from 'node:events'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/shared/contract'
import { createDispatcher } from '../../src/main/services/dispatcher'
import type { Handlers } from '../../src/main/services/dispatcher'
import { attachElectronIpc } from '../../src/main/transport/electron-ipc'

const APP_URL = 'file:///app/out/renderer/index.html'

/** The slice of Electron's ipcMain and WebContents the transport uses, faked in-process. */
function fakeElectron() {
  let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null
  const ipcMain = {
    handle: (channel: string, fn: typeof handler) => {
      expect(channel).toBe(CHANNELS.call)
      handler = fn
    },
    removeHandler: () => (handler = null),
  } as unknown as IpcMain
  const sent: unknown[] = []
  const contents = Object.assign(new EventEmitter(), {
    id: 1,
    isDestroyed: () => false,
    send: (channel: string, message: unknown) => sent.push({ channel, message }),
  })
  const mainFrame = { url: APP_URL }
  Object.assign(contents, { mainFrame })
  const invoke = (frame: { url: string } | null, method: unknown, input: unknown) =>
    handler!(
      { sender: contents as unknown as WebContents, senderFrame: frame } as unknown as IpcMainInvokeEvent,
      method,
      input,
    )
  return { ipcMain, contents, mainFrame, sent, invoke }
}

describe('Electron IPC transport', () => {
  let closed = 0
  const dispatch = createDispatcher({
    'app.info': async (_input, client) => {
      client.onClose(() => closed++)
      client.emit('query.end', {
        queryId: 'q',
        outcome: 'done',
        rowCount: 0,
        affectedRows: null,
        elapsedMs: 1,
        error: null,
      })
      return { name: 'Quarry', version: 'test', host: 'electron' }
    },
  } as Handlers)

  it("answers the app's own frame and pushes its events on the event channel", async () => {
    const fake = fakeElectron()
    attachElectronIpc(fake.ipcMain, dispatch, (url) => url === APP_URL)
    expect(await fake.invoke(fake.mainFrame, 'app.info', {})).toEqual({
      ok: true,
      value: { name: 'Quarry', version: 'test', host: 'electron' },
    })
    expect(fake.sent).toEqual([
      { channel: CHANNELS.event, message: { event: 'query.end', payload: expect.objectContaining({ queryId: 'q' }) } },
    ])
    fake.contents.emit('destroyed')
    expect(closed).toBe(1)
  })

  it('refuses calls from another page or a sub-frame, without dispatching them', async () => {
    const fake = fakeElectron()
    attachElectronIpc(fake.ipcMain, dispatch, (url) => url === APP_URL)
    const foreign = await fake.invoke({ url: 'https://evil.example/' }, 'app.info', {})
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'permission' } })
    const subFrame = await fake.invoke({ url: APP_URL }, 'app.info', {})
    expect(subFrame).toMatchObject({ ok: false, error: { kind: 'permission' } })
    expect(await fake.invoke(null, 'app.info', {})).toMatchObject({ ok: false, error: { kind: 'permission' } })
    expect(fake.sent).toEqual([])
  })

  it('answers malformed calls with typed errors', async () => {
    const fake = fakeElectron()
    attachElectronIpc(fake.ipcMain, dispatch, (url) => url === APP_URL)
    expect(await fake.invoke(fake.mainFrame, { evil: true }, undefined)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    })
  })
})

describe('Electron IPC transport: one window, one client', () => {
  it('pushes events to the window that asked, as its own client, and refuses it once it navigated away', async () => {
    const dispatch = createDispatcher({
      'app.info': async (_input, client) => {
        client.emit('query.end', {
          queryId: client.id,
          outcome: 'done',
          rowCount: 0,
          affectedRows: null,
          elapsedMs: 0,
          error: null,
        })
        return { name: 'Quarry', version: 'test', host: 'electron' }
      },
    } as Handlers)
    const first = fakeElectron()
    attachElectronIpc(first.ipcMain, dispatch, (url) => url === APP_URL)
    await first.invoke(first.mainFrame, 'app.info', {})
    expect(first.sent).toHaveLength(1)
    expect((first.sent[0] as { message: { payload: { queryId: string } } }).message.payload.queryId).toBe(
      'webcontents-1',
    )
    // The same window after navigating elsewhere (its main frame's URL changed) is no longer trusted.
    first.mainFrame.url = 'https://evil.example/'
    expect(await first.invoke(first.mainFrame, 'app.info', {})).toMatchObject({
      ok: false,
      error: { kind: 'permission' },
    })
    expect(first.sent).toHaveLength(1)
  })

  it('sends nothing to a destroyed window', async () => {
    const dispatch = createDispatcher({
      'app.info': async (_input, client) => {
        client.emit('query.end', {
          queryId: 'q',
          outcome: 'done',
          rowCount: 0,
          affectedRows: null,
          elapsedMs: 0,
          error: null,
        })
        return { name: 'Quarry', version: 'test', host: 'electron' }
      },
    } as Handlers)
    const fake = fakeElectron()
    attachElectronIpc(fake.ipcMain, dispatch, (url) => url === APP_URL)
    Object.assign(fake.contents, { isDestroyed: () => true })
    await fake.invoke(fake.mainFrame, 'app.info', {})
    expect(fake.sent).toEqual([])
  })
})
