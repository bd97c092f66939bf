import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import { encodeRows, QuarryFailure } from '../../../src/shared/contract'
import type { DriverConnection, StreamItem, StreamOptions } from '../../../src/main/drivers/driver'
import { ExportService } from '../../../src/main/services/export-service'
import { DownloadSink } from '../../../src/main/services/export/download-sink'
import { DownloadTickets } from '../../../src/main/services/export/download-tickets'
import { recordingClient } from '../recording-client'

const BATCHES = 2_000
/** ~8 KiB a batch: 16 MiB in all, far more than the socket buffers hold. */
const TEXT = 'x'.repeat(8_000)

/** `BATCHES` batches of one row, counting how many were pulled; or rows until aborted (`endless`). */
function countingConnection(pulled: { n: number }, endless = false): DriverConnection {
  return {
    engine: 'sqlite',
    async *stream(_sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
      yield { kind: 'statement', index: 0, offset: 0, sql: 'select' }
      yield { kind: 'columns', columns: [{ name: 't', type: 'TEXT' }] }
      for (let b = 0; endless || b < BATCHES; b++) {
        if (options.signal?.aborted) throw new QuarryFailure({ kind: 'cancelled', message: 'cancelled' })
        pulled.n++
        yield { kind: 'rows', rows: encodeRows([[TEXT]]), count: 1 }
        await new Promise((resolve) => setImmediate(resolve))
      }
      yield { kind: 'summary', affectedRows: null }
    },
  } as unknown as DriverConnection
}

let server: Server | null = null
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null))
  server = null
})

/** A server whose every GET claims `ticket` (as browser mode's /download/ route does). */
async function serveTicket(tickets: DownloadTickets, ticket: () => string): Promise<number> {
  server = createServer((req, res) => {
    if (!tickets.claim(ticket(), res)) res.writeHead(410).end('used')
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

const get = (port: number) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/' }, resolve)
    req.on('error', reject)
    req.end()
  })

async function endOf(events: ReturnType<typeof recordingClient>['events']) {
  for (let i = 0; i < 2000; i++) {
    const end = events.find((e) => e.event === 'export.end')
    if (end) return end.payload as EventPayloads['export.end']
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('export did not end')
}

function offerExport(
  tickets: DownloadTickets,
  connection: DriverConnection,
  client: ReturnType<typeof recordingClient>,
) {
  const exports = new ExportService()
  return tickets.offer(
    (response) =>
      exports.start(client.client, Promise.resolve(connection), 'sqlite', {
        queryId: 'q1',
        sql: 'select',
        format: 'ndjson',
        path: 'result.ndjson',
        table: null,
        download: (onFailure) => new DownloadSink(response, 'result.ndjson', 'application/x-ndjson', onFailure),
      }),
    () => client.client.emit('export.end', { ...LAPSED }),
  )
}
const LAPSED = {
  queryId: 'q1',
  outcome: 'error' as const,
  rowsWritten: 0,
  bytesWritten: 0,
  path: 'result.ndjson',
  elapsedMs: 0,
  error: null,
}

describe('export as a browser download', () => {
  it('streams: a reader that pauses stops the engine being read, and the whole file arrives when it reads on', async () => {
    const tickets = new DownloadTickets()
    const pulled = { n: 0 }
    const client = recordingClient()
    const ticket = offerExport(tickets, countingConnection(pulled), client)
    const port = await serveTicket(tickets, () => ticket)
    const response = await get(port)
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="result.ndjson"; filename*=UTF-8''result.ndjson`,
    )
    response.pause()
    // Wait until reading stops (the socket buffers filled): on a loaded machine this takes longer
    // than on a quiet one, so it is watched rather than timed; bounded at 15 s.
    const settleBy = Date.now() + 15_000
    for (let last = -1; pulled.n !== last && Date.now() < settleBy;) {
      last = pulled.n
      await new Promise((resolve) => setTimeout(resolve, 400))
    }
    const whilePaused = pulled.n
    console.log(`batches read while the reader paused: ${whilePaused} of ${BATCHES}`)
    // Once the socket buffers are full (a few MiB), nothing more is read: the rest waits in the engine.
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(pulled.n).toBe(whilePaused)
    expect(whilePaused).toBeLessThan(BATCHES / 2)
    let bytes = 0
    let lines = 0
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      for (const byte of chunk) if (byte === 10) lines++
    })
    response.resume()
    await new Promise((resolve) => response.on('end', resolve))
    const end = await endOf(client.events)
    expect(end).toMatchObject({ outcome: 'done', rowsWritten: BATCHES, error: null })
    expect(lines).toBe(BATCHES)
    expect(bytes).toBe(end.bytesWritten)
    expect(bytes).toBe(BATCHES * `{"t":"${TEXT}"}\n`.length)
    // The ticket was used up by the first GET.
    expect((await get(port)).statusCode).toBe(410)
  }, 30_000)

  it('the browser aborting the download cancels the export on the server', async () => {
    const tickets = new DownloadTickets()
    const pulled = { n: 0 }
    const client = recordingClient()
    const ticket = offerExport(tickets, countingConnection(pulled, true), client)
    const port = await serveTicket(tickets, () => ticket)
    const response = await get(port)
    await new Promise<void>((resolve) => response.once('data', () => resolve()))
    response.destroy()
    const end = await endOf(client.events)
    expect(end.outcome).toBe('cancelled')
    expect(end.error).toBeNull()
    const after = pulled.n
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(pulled.n).toBe(after) // nothing more is read from the engine
  }, 30_000)

  it('a ticket not fetched in time lapses (the export never runs), and an unknown one is refused', async () => {
    const tickets = new DownloadTickets(50)
    const pulled = { n: 0 }
    const client = recordingClient()
    offerExport(tickets, countingConnection(pulled), client)
    const end = await endOf(client.events)
    expect(end.outcome).toBe('error')
    expect(pulled.n).toBe(0)
    expect(tickets.size).toBe(0)
    const port = await serveTicket(tickets, () => 'not-a-ticket')
    expect((await get(port)).statusCode).toBe(410)
  })
})
