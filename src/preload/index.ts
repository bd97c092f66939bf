import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { CHANNELS, METHOD_NAMES } from '../shared/contract/method-names'
import type { MethodName } from '../shared/contract/method-names'
import type { QuarryBridge } from '../shared/contract/bridge'
import type { EventMessage } from '../shared/contract/events'
import type { Result } from '../shared/contract/errors'

// Named functions generated from the contract's list: the page never sees ipcRenderer.
const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(CHANNELS.call, name, input) as Promise<Result<unknown>>,
  ]),
) as Record<MethodName, (input: unknown) => Promise<Result<unknown>>>

const bridge: QuarryBridge = {
  methods,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, message: EventMessage): void => listener(message)
    ipcRenderer.on(CHANNELS.event, handler)
    return () => ipcRenderer.removeListener(CHANNELS.event, handler)
  },
  // A dropped file's path, and nothing else: no file is read here.
  pathForFile: (file) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
}

contextBridge.exposeInMainWorld('quarry', bridge)
