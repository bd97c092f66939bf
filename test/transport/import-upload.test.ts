import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Handlers } from '../../src/main/services/dispatcher'
import { createDispatcher } from '../../src/main/services/dispatcher'
import { UploadStore } from '../../src/main/services/import/upload-store'
import { startBrowserServer, type BrowserServer } from '../../src/main/transport/browser-server'
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/contract'
import { send } from '../helpers/browser-session'
import { recordingClient } from '../services/recording-client'

/** Browser mode's import upload: sliced PUTs to a ticket, streamed to a file under the data directory. */
describe('import upload', () => {
  let dir: string
  let uploads: UploadStore
  let server: BrowserServer
  const put = (url: string, offset: number, body: string, headers: Record<string, string> = {}) =>
    send(server.port, `${url}?offset=${offset}`, {
      method: 'PUT',
      body,
      headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
    })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-upload-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html>')
    uploads = new UploadStore(join(dir, 'import-uploads'))
    const dispatch = createDispatcher({} as unknown as Handlers)
    server = await startBrowserServer({ dispatch, rendererDir: dir, uploads })
  })
  afterAll(async () => {
    await server.close()
    await uploads.closeAll()
    rmSync(dir, { recursive: true, force: true })
  })

  it('appends slices in order into the file, refusing a wrong offset, a long slice, a foreign origin', async () => {
    const { client } = recordingClient()
    const upload = await uploads.begin(client, '../../etc/people.csv', 11)
    expect(upload.chunkBytes).toBe(UPLOAD_CHUNK_BYTES)
    // The name only labels the file: it stays in the uploads folder.
    expect(upload.file.startsWith(join(dir, 'import-uploads'))).toBe(true)
    expect(upload.file.endsWith('people.csv')).toBe(true)
    expect(await put(upload.url, 0, 'id,na')).toMatchObject({ status: 200, body: '{"received":5}' })
    expect((await put(upload.url, 0, 'id,na')).status).toBe(409)
    expect((await put(upload.url, 5, 'me\n1,Ada and more')).status).toBe(413)
    expect((await put(upload.url, 5, 'me\n1,A', { origin: 'http://evil.example' })).status).toBe(403)
    expect((await send(server.port, `${upload.url}?offset=5`)).status).toBe(405)
    expect(await put(upload.url, 5, 'me\n1,A')).toMatchObject({ status: 200, body: '{"received":11}' })
    expect(readFileSync(upload.file, 'utf8')).toBe('id,name\n1,A')
    expect((await put(`${upload.url}x`, 11, 'a')).status).toBe(410)
    expect(uploads.owns(client, upload.file)).toBe(true)
    expect(await uploads.discard(client, upload.uploadId)).toBe(true)
    expect(existsSync(upload.file)).toBe(false)
    expect((await put(upload.url, 11, '')).status).toBe(410)
  })

  it('removes a page’s uploads when it goes away, and only its own on discard', async () => {
    const mine = recordingClient('a')
    const other = recordingClient('b')
    const upload = await uploads.begin(mine.client, 'x.csv', 3)
    expect(await uploads.discard(other.client, upload.uploadId)).toBe(false)
    expect(existsSync(upload.file)).toBe(true)
    mine.disconnect()
    await new Promise((r) => setTimeout(r, 50))
    expect(existsSync(upload.file)).toBe(false)
  })

  it('removes an upload that stalls, never one that is complete', async () => {
    const short = new UploadStore(join(dir, 'import-uploads'), 100)
    const { client } = recordingClient('c')
    const stalled = await short.begin(client, 'stalled.csv', 10)
    const whole = await short.begin(client, 'whole.csv', 0)
    await new Promise((r) => setTimeout(r, 400))
    expect(existsSync(stalled.file)).toBe(false)
    expect(existsSync(whole.file)).toBe(true)
    expect(short.owns(client, whole.file)).toBe(true)
    await short.closeAll()
    expect(existsSync(whole.file)).toBe(false)
  })

  it('sweeps files a Quarry that is no longer running left behind', async () => {
    const left = join(dir, 'import-uploads', '999999999-abc-left.csv')
    writeFileSync(left, 'x')
    expect(await uploads.sweep()).toEqual(['999999999-abc-left.csv'])
    expect(existsSync(left)).toBe(false)
  })
})
