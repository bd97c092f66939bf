import { afterEach, describe, expect, it, vi } from 'vitest'
import type { QuarryClient } from '../api/quarry-client'
import { ImportSession } from './import-session'

/** A client that answers import.upload with 4-byte slices and records every call. */
function fakeClient() {
  const calls: { method: string; input: unknown }[] = []
  const client = {
    call: async (method: string, input: unknown) => {
      calls.push({ method, input })
      if (method === 'import.upload')
        return { ok: true, value: { uploadId: 'u1', url: '/upload/t', file: '/srv/u1-people.csv', chunkBytes: 4 } }
      return { ok: true, value: { removed: true } }
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, calls }
}

afterEach(() => vi.unstubAllGlobals())

describe('ImportSession upload (browser mode)', () => {
  it('sends the file in slices, one at a time, in order; the server file is what is analysed', async () => {
    const puts: { url: string; size: number }[] = []
    vi.stubGlobal('fetch', async (url: string, init: { body: Blob }) => {
      puts.push({ url, size: init.body.size })
      return new Response(JSON.stringify({ received: 0 }), { status: 200 })
    })
    const { client, calls } = fakeClient()
    const session = new ImportSession(client, 'c1')
    await session.upload(new File(['id,name\n1,'], 'people.csv'))
    expect(puts).toEqual([
      { url: '/upload/t?offset=0', size: 4 },
      { url: '/upload/t?offset=4', size: 4 },
      { url: '/upload/t?offset=8', size: 2 },
    ])
    expect(session.getState()).toMatchObject({
      step: 'ready',
      file: { path: '/srv/u1-people.csv', name: 'people.csv' },
    })
    await session.dispose()
    expect(calls.map((c) => c.method)).toEqual(['import.upload', 'import.discard'])
  })

  it('shows a refused slice as the server worded it', async () => {
    vi.stubGlobal('fetch', async () => new Response('This upload was discarded or has expired', { status: 410 }))
    const { client } = fakeClient()
    const session = new ImportSession(client, 'c1')
    await session.upload(new File(['abcdef'], 'x.csv'))
    expect(session.getState()).toMatchObject({
      step: 'failed',
      error: { message: 'This upload was discarded or has expired' },
    })
  })
})
