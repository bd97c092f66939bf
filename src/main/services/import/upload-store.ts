import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, stat, truncate, unlink } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { UPLOAD_CHUNK_BYTES, UPLOAD_PATH, type ImportUpload } from '../../../shared/contract'
import type { ClientSink } from '../client-sink'
import { processIsAlive } from '../process-alive'

/** An upload waits this long for its next slice before it lapses and its file goes. */
export const UPLOAD_IDLE_MS = 5 * 60_000

interface Upload {
  id: string
  ticket: string
  client: ClientSink
  file: string
  size: number
  received: number
  busy: boolean
  timer: ReturnType<typeof setTimeout> | null
}

/** Why a slice was refused: an HTTP status and a message the page shows. */
export class UploadRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** A file name that is safe on every platform; the original only names the temporary. */
const safeName = (name: string): string =>
  basename(name)
    .replace(/[^\w.-]+/g, '_')
    .slice(-120) || 'upload'

/**
 * Browser-mode uploads of files to import. A page asks over its WebSocket (so with its credential)
 * and gets an unguessable ticket; it PUTs the file there in slices of at most `UPLOAD_CHUNK_BYTES`,
 * in order, one at a time (each slice is streamed to disk, never held whole). The file lives under
 * the data directory (`import-uploads/<pid>-<id>-<name>`) until the page discards it or goes away,
 * or its upload stalls too long; a later start removes what a crashed Quarry left.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>()
  private readonly byTicket = new Map<string, Upload>()
  private readonly watched = new WeakSet<ClientSink>()

  constructor(
    readonly dir: string,
    private readonly idleMs = UPLOAD_IDLE_MS,
  ) {}

  async begin(client: ClientSink, name: string, size: number): Promise<ImportUpload> {
    await mkdir(this.dir, { recursive: true })
    const id = randomBytes(9).toString('base64url')
    const upload: Upload = {
      id,
      ticket: randomBytes(32).toString('base64url'),
      client,
      file: join(this.dir, `${process.pid}-${id}-${safeName(name)}`),
      size,
      received: 0,
      busy: false,
      timer: null,
    }
    // An empty file exists from the start, so a zero-byte upload is complete at once.
    await new Promise<void>((resolve, reject) =>
      createWriteStream(upload.file, { flags: 'wx' }).on('error', reject).end(resolve),
    )
    this.uploads.set(id, upload)
    this.byTicket.set(upload.ticket, upload)
    if (size > 0) this.idle(upload)
    if (!this.watched.has(client)) {
      this.watched.add(client)
      client.onClose(() => {
        for (const u of [...this.uploads.values()]) if (u.client === client) void this.remove(u)
      })
    }
    return { uploadId: id, url: `${UPLOAD_PATH}${upload.ticket}`, file: upload.file, chunkBytes: UPLOAD_CHUNK_BYTES }
  }

  /** Appends one slice from `request` (its body is streamed to the file); answers the bytes received. */
  async receive(ticket: string, offset: number, request: IncomingMessage): Promise<number> {
    const upload = this.byTicket.get(ticket)
    if (!upload) throw new UploadRefusal(410, 'This upload was discarded or has expired: choose the file again')
    if (upload.busy) throw new UploadRefusal(409, 'A slice of this upload is still arriving')
    if (offset !== upload.received)
      throw new UploadRefusal(409, `Expected the slice at byte ${upload.received}, not ${offset}`)
    const declared = Number(request.headers['content-length'] ?? NaN)
    const room = Math.min(UPLOAD_CHUNK_BYTES, upload.size - upload.received)
    if (!Number.isInteger(declared) || declared > room)
      throw new UploadRefusal(413, `A slice holds at most ${room} bytes here (Content-Length required)`)
    upload.busy = true
    this.idle(upload)
    let count = 0
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        count += chunk.length
        done(count > declared ? new UploadRefusal(413, 'The slice is longer than it said') : null, chunk)
      },
    })
    try {
      // Backpressure: the request is read only as fast as the disk takes it.
      await pipeline(request, limit, createWriteStream(upload.file, { flags: 'a' }))
      if (count !== declared) throw new UploadRefusal(400, 'The slice ended early')
      upload.received += count
      // Complete: it stays while the page keeps it (analysis, then runs), however long that is.
      if (upload.received === upload.size) this.settle(upload)
      else this.idle(upload)
      return upload.received
    } catch (e) {
      // A broken slice leaves the file as it was before it: the page may send it again.
      await truncateTo(upload.file, upload.received)
      throw e instanceof UploadRefusal ? e : new UploadRefusal(400, 'The slice did not arrive whole')
    } finally {
      upload.busy = false
    }
  }

  /** Removes an upload of this client (its file too); false if it was not there. */
  async discard(client: ClientSink, uploadId: string): Promise<boolean> {
    const upload = this.uploads.get(uploadId)
    if (!upload || upload.client !== client) return false
    await this.remove(upload)
    return true
  }

  /** Is `file` a complete upload of this client? */
  owns(client: ClientSink, file: string): boolean {
    return [...this.uploads.values()].some((u) => u.client === client && u.file === file)
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.uploads.values()].map((u) => this.remove(u)))
  }

  /** Files a Quarry that is no longer running left behind. */
  async sweep(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    const removed: string[] = []
    for (const name of names) {
      const pid = Number(/^(\d+)-/.exec(name)?.[1] ?? 0)
      if (pid <= 0 || pid === process.pid || processIsAlive(pid)) continue
      await unlink(join(this.dir, name)).then(
        () => removed.push(name),
        () => undefined,
      )
    }
    return removed
  }

  private settle(upload: Upload): void {
    if (upload.timer) clearTimeout(upload.timer)
    upload.timer = null
  }

  private idle(upload: Upload): void {
    if (upload.timer) clearTimeout(upload.timer)
    upload.timer = setTimeout(() => void this.remove(upload), this.idleMs)
    upload.timer.unref?.()
  }

  private async remove(upload: Upload): Promise<void> {
    if (upload.timer) clearTimeout(upload.timer)
    this.uploads.delete(upload.id)
    this.byTicket.delete(upload.ticket)
    await unlink(upload.file).catch(() => undefined)
  }
}

async function truncateTo(file: string, size: number): Promise<void> {
  const now = await stat(file).catch(() => null)
  if (now && now.size !== size) await truncate(file, size).catch(() => undefined)
}
