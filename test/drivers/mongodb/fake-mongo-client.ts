import type { Document } from 'mongodb'
import type {
  CursorRequest,
  MongoClientLike,
  MongoCursorLike,
  MongoSessionLike,
  OperationOptions,
} from '../../../src/main/drivers/mongodb/mongodb-client'

/** What the fake server saw: commands, cursors opened (with their options), sessions killed. */
export interface FakeLog {
  commands: { database: string; command: Document; options?: OperationOptions }[]
  cursors: { collection: string; request: CursorRequest; options: OperationOptions }[]
  killed: unknown[]
  discarded: unknown[]
  fetched: number
  sessionsEnded: number
}

/**
 * A fake of the narrow client: a cursor over `documents` (within a find's skip and limit) served
 * in batches of the request's batchSize; with `hang`, the first fetch never answers until its session is killed.
 */
export function fakeMongoClient(documents: Document[], options: { hang?: boolean } = {}) {
  const log: FakeLog = { commands: [], cursors: [], killed: [], discarded: [], fetched: 0, sessionsEnded: 0 }
  const hanging = new Map<unknown, (error: Error) => void>()
  let sessions = 0
  const client: MongoClientLike = {
    async command(database, command, opts) {
      log.commands.push({ database, command, ...(opts ? { options: opts } : {}) })
      if (command.killSessions) {
        for (const id of command.killSessions as unknown[]) {
          log.killed.push(id)
          hanging.get(id)?.(
            Object.assign(new Error('operation was interrupted'), {
              name: 'MongoServerError',
              code: 11601,
              codeName: 'Interrupted',
            }),
          )
        }
        return { ok: 1 }
      }
      return { ok: 1 }
    },
    cursor(_database, collection, request, opts) {
      log.cursors.push({ collection, request, options: opts })
      const batchSize = Number(request.options.batchSize ?? 101)
      // A find's skip and limit bound what the server would send (the filter is not evaluated).
      const skip = request.kind === 'find' ? Number(request.options.skip ?? 0) : 0
      const limit = request.kind === 'find' ? Number(request.options.limit ?? 0) : 0
      const served = documents.slice(skip, limit > 0 ? skip + limit : undefined)
      let next = 0
      let buffer: Document[] = []
      let closed = false
      const cursor: MongoCursorLike = {
        async hasNext() {
          if (buffer.length) return true
          if (options.hang) {
            return new Promise<boolean>((_, reject) => hanging.set((opts.session as MongoSessionLike).id, reject))
          }
          if (closed || next >= served.length) return false
          buffer = served.slice(next, next + batchSize)
          next += buffer.length
          log.fetched += buffer.length
          return true
        },
        bufferedCount: () => buffer.length,
        readBufferedDocuments(count) {
          const taken = buffer.slice(0, count ?? buffer.length)
          buffer = buffer.slice(taken.length)
          return taken
        },
        async close() {
          closed = true
        },
      }
      return cursor
    },
    startSession() {
      const id = { id: `session-${++sessions}` }
      return {
        id,
        discard() {
          log.discarded.push(id)
        },
        async endSession() {
          log.sessionsEnded++
        },
      }
    },
    async close() {},
  }
  return { client, log }
}
