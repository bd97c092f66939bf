import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNELS } from '../../shared/contract'
import type { EventName, EventPayloads } from '../../shared/contract'
import type { ClientSink } from '../services/client-sink'
import type { Dispatch } from '../services/dispatcher'

/**
 * Electron transport: one invoke channel for every request and one event channel, both named by
 * the contract. Calls from any frame but the app's own are refused (IPC sender check).
 */
export function attachElectronIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  const clients = new WeakMap<WebContents, ClientSink>()
  const clientFor = (contents: WebContents): ClientSink => {
    const existing = clients.get(contents)
    if (existing) return existing
    const listeners: Array<() => void> = []
    const client: ClientSink = {
      id: `webcontents-${contents.id}`,
      emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
        // A row batch is a Uint8Array: structured clone carries it as binary (one copy across the
        // process boundary, another through the preload's contextBridge), never as text.
        if (!contents.isDestroyed()) contents.send(CHANNELS.event, { event, payload })
      },
      onClose: (listener) => listeners.push(listener),
    }
    contents.once('destroyed', () => listeners.splice(0).forEach((listener) => listener()))
    clients.set(contents, client)
    return client
  }
  const handle = async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame || !isTrustedUrl(frame.url)) {
      return { ok: false, error: { kind: 'permission', message: 'IPC refused: the sender is not the Quarry window' } }
    }
    return dispatch(method, input, clientFor(event.sender))
  }
  ipcMain.handle(CHANNELS.call, handle)
  return () => ipcMain.removeHandler(CHANNELS.call)
}
