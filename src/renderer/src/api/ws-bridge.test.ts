import { afterEach, describe, expect, it, vi } from 'vitest'
import { WS_MAX_PAYLOAD } from '../../../shared/contract'
import { connectWebSocketBridge } from './ws-bridge'

/** A socket that opens at once and records what is sent. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1
  static last: FakeSocket | null = null
  readyState = FakeSocket.OPEN
  sent: string[] = []
  constructor() {
    super()
    FakeSocket.last = this
    queueMicrotask(() => this.dispatchEvent(new Event('open')))
  }
  send(text: string): void {
    this.sent.push(text)
  }
}

afterEach(() => vi.unstubAllGlobals())

describe('browser mode bridge', () => {
  it('answers a request above WS_MAX_PAYLOAD with a typed error and never sends it', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    const bridge = await connectWebSocketBridge('ws://127.0.0.1:1/ws', [], 'refused')
    const changes = [{ op: 'delete', original: { id: 1, text: 'x'.repeat(WS_MAX_PAYLOAD) } }]
    const result = await bridge.methods['edits.apply']({
      connectionId: 'c',
      target: { schema: null, table: 't' },
      changes,
    } as never)
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'This apply is too large for one message in browser mode (11.0 MiB, limit 11 MiB): apply it in parts',
      },
    })
    expect(FakeSocket.last!.sent).toEqual([])
    // A normal request still goes out.
    void bridge.methods['app.info']({} as never)
    expect(FakeSocket.last!.sent).toHaveLength(1)
  })
})
