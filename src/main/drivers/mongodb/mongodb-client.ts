import { MongoClient } from 'mongodb'
import type { ClientSession, Document, MongoClientOptions } from 'mongodb'

/** A cursor as the stream reads it: batches stay in the driver's buffer until asked for. */
export interface MongoCursorLike {
  /** Fetches the next server batch when the buffer is empty; false once exhausted. */
  hasNext(): Promise<boolean>
  bufferedCount(): number
  readBufferedDocuments(count?: number): Document[]
  close(): Promise<void>
}

/** An explicit server session: every operation of a query runs in one, so cancel can kill it. */
export interface MongoSessionLike {
  /** The logical session id (`{ id: UUID }`), known once the session was used. */
  readonly id: Document | undefined
  /** After a kill: the server session is not given back to the driver's pool for reuse. */
  discard(): void
  endSession(): Promise<void>
  /** Transactions (edits on a replica set or sharded cluster): the driver adds txnNumber to each command. */
  startTransaction?(): void
  commitTransaction?(): Promise<void>
  abortTransaction?(): Promise<void>
}

/** What opens a cursor: a find or an aggregate, with the options the driver passes through. */
export type CursorRequest =
  { kind: 'find'; filter: Document; options: Document } | { kind: 'aggregate'; pipeline: Document[]; options: Document }

/** Options of every operation of a query: its session and the comment that names it in currentOp. */
export interface OperationOptions {
  session?: MongoSessionLike
  comment?: string
}

/** The slice of the mongodb driver this engine uses, so unit tests can hand in a fake. */
export interface MongoClientLike {
  command(database: string, command: Document, options?: OperationOptions): Promise<Document>
  cursor(database: string, collection: string, request: CursorRequest, options: OperationOptions): MongoCursorLike
  startSession(): MongoSessionLike
  close(): Promise<void>
}

/** Connects a client; errors are raw mongodb errors. */
export type MongoClientFactory = (url: string, options: MongoClientOptions) => Promise<MongoClientLike>

/** Deserialisation every read uses: BSON types kept (Long, Int32, Double, BSONRegExp), never promoted lossily. */
export const READ_OPTIONS = {
  promoteLongs: false,
  promoteValues: false,
  promoteBuffers: false,
  bsonRegExp: true,
} as const

/** Failures no retry within the connect timeout can cure: refused, unknown host, no route. */
const HOPELESS = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH)\b/

/** An error's message and its causes' messages and codes, for HOPELESS. */
function describeChain(error: unknown): string {
  const parts: string[] = []
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    parts.push(current.message, String((current as { code?: unknown }).code ?? ''))
    current = (current as { cause?: unknown }).cause
  }
  return parts.join(' ')
}

/**
 * Connects. The driver retries a single server until serverSelectionTimeoutMS even when the port
 * refuses at once; for one named server (directConnection) a refused or unresolvable first
 * heartbeat ends the attempt at once instead, so the dialog answers in milliseconds, not after
 * the whole timeout.
 */
async function connectFailingFast(client: MongoClient, direct: boolean): Promise<void> {
  if (!direct) {
    await client.connect()
    return
  }
  let onFailure: ((event: { failure: Error }) => void) | undefined
  const hopeless = new Promise<never>((_, reject) => {
    onFailure = (event) => HOPELESS.test(describeChain(event.failure)) && reject(event.failure)
    client.on('serverHeartbeatFailed', onFailure)
  })
  try {
    await Promise.race([client.connect(), hopeless])
  } catch (error) {
    await client.close().catch(() => {})
    throw error
  } finally {
    client.off('serverHeartbeatFailed', onFailure!)
  }
}

/** The real driver behind the narrow interface. */
export const mongoClient: MongoClientFactory = async (url, options) => {
  const client = new MongoClient(url, options)
  await connectFailingFast(client, options.directConnection === true)
  // Operations are given the narrow session (startSession's); the driver needs its own ClientSession
  // (it calls inTransaction() and more on it): each narrow one maps back to the session it wraps.
  const started = new WeakMap<MongoSessionLike, ClientSession>()
  const session = (options?: OperationOptions) =>
    options?.session ? started.get(options.session as MongoSessionLike) : undefined
  return {
    command: (database, command, options) =>
      client.db(database).command(command, { ...READ_OPTIONS, session: session(options), ...comment(options) }),
    cursor(database, collection, request, options) {
      const all = { ...READ_OPTIONS, ...request.options, session: session(options), ...comment(options) }
      // No collection: a database-level aggregation (db.aggregate).
      if (collection === '' && request.kind === 'aggregate') return client.db(database).aggregate(request.pipeline, all)
      const target = client.db(database).collection(collection)
      return request.kind === 'find' ? target.find(request.filter, all) : target.aggregate(request.pipeline, all)
    },
    startSession() {
      const own = client.startSession({ causalConsistency: false })
      const narrow: MongoSessionLike = {
        get id() {
          return own.id
        },
        discard() {
          // The driver drops dirty server sessions instead of pooling them (as after network errors).
          own.serverSession.isDirty = true
        },
        endSession: () => own.endSession(),
        startTransaction: () => own.startTransaction(),
        commitTransaction: () => own.commitTransaction(),
        abortTransaction: () => own.abortTransaction(),
      }
      started.set(narrow, own)
      return narrow
    },
    close: () => client.close(),
  }
}

const comment = (options?: OperationOptions) => (options?.comment ? { comment: options.comment } : {})
