import { Parser } from 'pg-protocol/dist/parser'

const DATA_ROW = 0x44 // 'D'

/**
 * A DataRow as the server sent it: the message's bytes, read where they lie. pg's own readers
 * (catalog queries, cursors) use `fields`, decoded on first use exactly as pg-protocol decodes
 * them; the portal's row writer reads the bytes and makes no string per cell.
 *
 * The bytes are the parser's buffer, valid only while the message is being handled: pg hands
 * every message to its active query synchronously, and nothing keeps them. So one RawDataRow per
 * connection is pointed at each DataRow in turn (no object per row).
 */
export class RawDataRow {
  readonly name = 'dataRow'
  private decoded: (string | null)[] | null = null

  constructor(
    /** The buffer holding the message. */
    public bytes: Buffer,
    /** Where the message's body (its Int16 field count) starts in `bytes`. */
    public start: number,
    public length: number,
  ) {}

  /** Points this message at the next DataRow. */
  point(bytes: Buffer, start: number, length: number): this {
    this.bytes = bytes
    this.start = start
    this.length = length
    this.decoded = null
    return this
  }

  get fields(): (string | null)[] {
    if (this.decoded) return this.decoded
    const { bytes } = this
    const count = bytes.readInt16BE(this.start)
    const fields = new Array<string | null>(count)
    let at = this.start + 2
    for (let i = 0; i < count; i++) {
      const length = bytes.readInt32BE(at)
      at += 4
      if (length < 0) fields[i] = null
      else {
        fields[i] = bytes.toString('utf8', at, at + length)
        at += length
      }
    }
    return (this.decoded = fields)
  }
}

type PacketHandler = (offset: number, code: number, length: number, bytes: Buffer) => unknown

/** pg-protocol's parser turns each framed message into an object in handlePacket (1.x); the hook replaces it for DataRow. */
const hookable = typeof (Parser.prototype as unknown as { handlePacket?: unknown }).handlePacket === 'function'

/** The slice of pg's Connection whose parser this replaces (pg ≥ 8.7 reads its socket in attachListeners). */
interface ListeningConnection {
  attachListeners?: (stream: NodeJS.ReadableStream) => void
  _emitMessage?: boolean
  emit(event: string, message: unknown): boolean
}

/**
 * Makes a pg connection hand DataRow messages over as RawDataRow (every other message is pg-protocol's
 * own). Call before connect(). A pg or pg-protocol without these hooks is left as it is: rows then
 * come decoded, and the portal writes them from their text (slower, same values).
 */
export function keepRowBytes(connection: object): void {
  const target = connection as ListeningConnection
  if (typeof target.attachListeners !== 'function' || !hookable) return
  target.attachListeners = (stream) => {
    const parser = new Parser()
    const internals = parser as unknown as { handlePacket: PacketHandler }
    const handle = internals.handlePacket.bind(parser)
    const row = new RawDataRow(Buffer.alloc(0), 0, 0)
    internals.handlePacket = (offset, code, length, bytes) =>
      code === DATA_ROW ? row.point(bytes, offset, length) : handle(offset, code, length, bytes)
    // As pg's own attachListeners: every message under its name ('errorMessage' for errors).
    stream.on('data', (buffer: Buffer) =>
      parser.parse(buffer, (message) => {
        if (target._emitMessage) target.emit('message', message)
        target.emit(message.name === 'error' ? 'errorMessage' : message.name, message)
      }),
    )
  }
}
