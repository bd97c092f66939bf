import type { Document } from 'mongodb'
import { QuarryFailure } from '../../../shared/contract'
import { parseShellScript } from '../../../shared/mongo-shell/shell-command'
import type { ShellStatement } from '../../../shared/mongo-shell/shell-command'
import type { BatchPlan, StreamItem, StreamOptions } from '../driver'
import { batchSizeAt } from '../stream-results'
import type { MongoClientLike, MongoCursorLike } from './mongodb-client'
import { planCommand } from './mongodb-commands'
import { toMongoFailure } from './mongodb-errors'
import { DocumentColumns } from './mongodb-rows'
import { MongoRunningQuery } from './mongodb-running-query'

/** What a stream needs from its connection. */
export interface MongoStreamContext {
  client: MongoClientLike
  running: Map<string, MongoRunningQuery>
  /** Fails with not-found when the database is not on the server (checked before anything runs). */
  checkDatabase(database: string): Promise<void>
  database: string
  /** Counts documents received from the server, connection-wide. */
  onDocuments(count: number): void
}

/** Largest server batch (getMore) asked for: bounds how far the cursor reads ahead of the consumer. */
export const MAX_SERVER_BATCH = 1_000

/** The cursor's server batch size: the plan's second size (its first is for the first paint), capped. */
export const serverBatchSize = (plan: number | BatchPlan): number =>
  Math.min(MAX_SERVER_BATCH, batchSizeAt(plan, 1, 'mongodb'))

/** Parses the script before any session is taken; a bad script fails with a positioned syntax error. */
export function scriptCommands(sql: string, options: StreamOptions, running: Map<string, unknown>): ShellStatement[] {
  const fail = (message: string) => new QuarryFailure({ kind: 'invalid-input', message, engine: 'mongodb' })
  if (running.has(options.queryId)) throw fail(`Query id "${options.queryId}" is already running`)
  if (typeof options.batchSize === 'number') batchSizeAt(options.batchSize, 0, 'mongodb')
  let statements: ShellStatement[]
  try {
    statements = parseShellScript(sql)
  } catch (error) {
    throw toMongoFailure(error)
  }
  if (statements.length === 0) throw fail('Nothing to run: the text has no command (try db.collection.find({}))')
  return statements
}

/**
 * Streams a script command by command, all in one explicit session (cancel kills it). A cursor is
 * read batch by batch as the consumer pulls: the next server batch is fetched only when the
 * buffered one is used up, so the server reads at most one batch ahead. Each yielded batch has the
 * plan's size; columns grow as documents bring new top-level fields.
 */
export async function* streamCommands(
  context: MongoStreamContext,
  sql: string,
  options: StreamOptions,
): AsyncGenerator<StreamItem, void, undefined> {
  const { queryId, batchSize, signal } = options
  const statements = scriptCommands(sql, options, context.running)
  const query = new MongoRunningQuery(context.client, queryId)
  context.running.set(queryId, query)
  const onAbort = (): void => void query.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    if (signal?.aborted) void query.cancel()
    query.checkpoint()
    await query.guard(context.checkDatabase(context.database))
    for (const [index, statement] of statements.entries()) {
      yield { kind: 'statement', index, offset: statement.offset, sql: statement.sql }
      query.checkpoint()
      let plan
      try {
        plan = planCommand(statement.command, serverBatchSize(batchSize))
      } catch (error) {
        throw toMongoFailure(error)
      }
      const columns = new DocumentColumns()
      // Columns come from the documents: none yet, more as batches bring new fields.
      yield { kind: 'columns', columns: [] }
      if (plan.kind === 'single') {
        const documents = await query.guard(plan.run(context.client, context.database, query.options))
        context.onDocuments(documents.length)
        if (columns.learn(documents)) yield { kind: 'columns', columns: columns.columns }
        if (documents.length > 0) yield { kind: 'rows', rows: columns.encode(documents), count: documents.length }
      } else {
        const cursor = context.client.cursor(context.database, plan.collection, plan.request, query.options)
        query.track(cursor)
        for (let batchIndex = 0; ; batchIndex++) {
          const documents = await readBatch(query, cursor, batchSizeAt(batchSize, batchIndex, 'mongodb'), context)
          if (columns.learn(documents)) yield { kind: 'columns', columns: columns.columns }
          if (documents.length > 0) {
            yield { kind: 'rows', rows: columns.encode(documents), count: documents.length }
            query.checkpoint()
          }
          if (documents.length < batchSizeAt(batchSize, batchIndex, 'mongodb')) break
        }
        query.track(null)
        await cursor.close().catch(() => {})
      }
      yield { kind: 'summary', affectedRows: null }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    context.running.delete(queryId)
    await query.release()
  }
}

/** Up to `size` documents, fetching server batches only while the buffer runs dry; fewer at the end. */
async function readBatch(
  query: MongoRunningQuery,
  cursor: MongoCursorLike,
  size: number,
  context: MongoStreamContext,
): Promise<Document[]> {
  const documents: Document[] = []
  while (documents.length < size) {
    if (cursor.bufferedCount() === 0) {
      const more = await query.guard(cursor.hasNext())
      context.onDocuments(cursor.bufferedCount())
      if (!more) break
    }
    documents.push(...cursor.readBufferedDocuments(size - documents.length))
  }
  return documents
}
