import { describe, expect, it } from 'vitest'
import type { EventMessage } from './events'
import { decodeRows, encodeRows } from './row-batch-rows'
import { decodeServerFrame, encodeEventFrame } from './ws-frames'

describe('browser-mode frame codec', () => {
  it('sends a batch as one binary frame, read back in place with its header and exact values', () => {
    const rows = encodeRows([[1, 'é😀', { $: 'int', v: '9223372036854775807' }, null]])
    for (const queryId of ['q', 'qq', 'query-é']) {
      const message: EventMessage = { event: 'query.batch', payload: { queryId, index: 2, seq: 7, count: 1, rows } }
      const frame = encodeEventFrame(message)
      expect(frame).toBeInstanceOf(Uint8Array)
      const bytes = frame as Uint8Array
      // What the page's WebSocket hands over with binaryType 'arraybuffer': the frame's own buffer.
      const received = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      const decoded = decodeServerFrame(received) as Extract<EventMessage, { event: 'query.batch' }>
      expect(decoded.payload).toMatchObject({ queryId, index: 2, seq: 7, count: 1 })
      expect(decoded.payload.rows.buffer).toBe(received)
      expect(decoded.payload.rows.byteOffset % 8).toBe(0)
      expect(decodeRows(decoded.payload.rows)).toStrictEqual([[1, 'é😀', { $: 'int', v: '9223372036854775807' }, null]])
    }
  })

  it('keeps every other frame as JSON text', () => {
    const message: EventMessage = {
      event: 'export.progress',
      payload: { queryId: 'q', rowsWritten: 1, bytesWritten: 2 },
    }
    const frame = encodeEventFrame(message)
    expect(typeof frame).toBe('string')
    expect(decodeServerFrame(frame as string)).toEqual(message)
    expect(decodeServerFrame('{"id":1,"result":{"ok":true}}')).toEqual({ id: 1, result: { ok: true } })
  })

  it('refuses a binary frame whose header does not fit', () => {
    expect(() => decodeServerFrame(new ArrayBuffer(2))).toThrow(/Malformed batch frame/)
    const frame = new Uint8Array(16)
    new DataView(frame.buffer).setUint32(0, 100, true)
    expect(() => decodeServerFrame(frame.buffer)).toThrow(/Malformed batch frame of 16 bytes/)
  })
})
