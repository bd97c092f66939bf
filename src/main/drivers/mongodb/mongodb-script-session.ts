import type { Document } from 'mongodb'
import type { ShellStatement } from '../../../shared/mongo-shell/shell-command'
import type { ScriptStatement } from '../../../shared/dialect/split-statements'
import type { EngineSession, RunEnd, StatementEvent, StatementStart } from '../engine-session'
import type { MongoClientLike, MongoCursorLike, MongoSessionLike } from './mongodb-client'
import { settlesWithin } from '../settles-within'
import { planCommand } from './mongodb-commands'
import { toMongoFailure } from './mongodb-errors'
import { DocumentColumns } from './mongodb-rows'

/** How long a kill may take before the query is given up on anyway (its cursor is then just closed). */
export const KILL_TIMEOUT_MS = 5_000

/** Largest server batch (getMore) asked for: bounds how far the cursor reads ahead of the consumer. */
export const MAX_SERVER_BATCH = 1_000

/** What commands need from their connection. */
export interface CommandContext {
  client: MongoClientLike
  /** Counts documents received from the server, connection-wide. */
  onDocuments(count: number): void
}

/**
 * An explicit session as the script runner uses it: all the operations of a run go in it, so
 * interrupt kills exactly them on the server (`killSessions`, from another pooled connection: a
 * user may always kill their own sessions), then closes the cursor here. A cursor is read batch
 * by batch as the consumer pulls: the next server batch is fetched only when the buffered one is
 * used up. Columns grow as documents bring new top-level fields.
 */
export class MongoScriptSession implements EngineSession {
  readonly session: MongoSessionLike
  /** `quarry:<queryId>`: names the operations in currentOp and the profiler. */
  readonly comment: string
  private cursor: MongoCursorLike | null = null

  constructor(
    private readonly context: CommandContext,
    private readonly database: string,
    queryId: string,
  ) {
    this.session = context.client.startSession()
    this.comment = `quarry:${queryId}`
  }

  private get options() {
    return { session: this.session, comment: this.comment }
  }

  // The engine's split made every statement a parsed shell command.
  async *start(statement: ScriptStatement, start: StatementStart): AsyncGenerator<StatementEvent> {
    const { client, onDocuments } = this.context
    // The cursor's server batch: the plan's second size (its first is for the first paint), capped.
    const plan = planCommand((statement as ShellStatement).command, Math.min(MAX_SERVER_BATCH, start.sizes(1)))
    const columns = new DocumentColumns(start.knownColumns)
    // Columns come from the documents (after those the caller shows): more as batches bring new fields.
    yield { kind: 'columns', columns: columns.columns }
    if (plan.kind === 'single') {
      const documents = await plan.run(client, this.database, this.options)
      onDocuments(documents.length)
      if (columns.learn(documents)) yield { kind: 'columns', columns: columns.columns }
      if (documents.length > 0) yield { kind: 'rows', rows: columns.encode(documents), count: documents.length }
    } else {
      const cursor = (this.cursor = client.cursor(this.database, plan.collection, plan.request, this.options))
      for (let batchIndex = 0; ; batchIndex++) {
        const size = start.sizes(batchIndex)
        const documents = await this.readBatch(cursor, size)
        if (columns.learn(documents)) yield { kind: 'columns', columns: columns.columns }
        if (documents.length > 0) yield { kind: 'rows', rows: columns.encode(documents), count: documents.length }
        if (documents.length < size) break
      }
      this.cursor = null
      await cursor.close().catch(() => {})
    }
    yield { kind: 'summary', affectedRows: null }
  }

  /** Kills the session on the server; resolves once the kill was answered (or given up on). */
  async interrupt(): Promise<void> {
    const id = this.session.id
    if (id) {
      this.session.discard()
      await settlesWithin(this.context.client.command('admin', { killSessions: [id] }), KILL_TIMEOUT_MS)
    }
    await this.closeCursor()
  }

  /** Closes what is left open (early exit, error); a killed session is not used again. */
  async settle(end: RunEnd): Promise<boolean> {
    await this.closeCursor()
    return !end.interrupted
  }

  /** Positions of shell errors are already the script's (the parser read the whole script). */
  failure(error: unknown) {
    return toMongoFailure(error, { phase: 'query' })
  }

  /** Up to `size` documents, fetching server batches only while the buffer runs dry; fewer at the end. */
  private async readBatch(cursor: MongoCursorLike, size: number): Promise<Document[]> {
    const documents: Document[] = []
    while (documents.length < size) {
      if (cursor.bufferedCount() === 0) {
        const more = await cursor.hasNext()
        this.context.onDocuments(cursor.bufferedCount())
        if (!more) break
      }
      documents.push(...cursor.readBufferedDocuments(size - documents.length))
    }
    return documents
  }

  private async closeCursor(): Promise<void> {
    const cursor = this.cursor
    this.cursor = null
    await cursor?.close().catch(() => {})
  }
}
