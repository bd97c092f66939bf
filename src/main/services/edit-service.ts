import { QuarryFailure } from '../../shared/contract'
import type {
  ConnectionSummary,
  EditOutcome,
  EditPlan,
  EditRequest,
  QuarryError,
  SessionState,
} from '../../shared/contract'
import type { ConnectionEdits, DriverConnection } from '../drivers/driver'
import { engineOf } from '../../shared/engines/engine-list'
import { ClientJobs } from './client-jobs'
import type { ClientSink } from './client-sink'
import type { HistoryRecord } from './history-store'
import type { SessionLease, TabSessions } from './sessions/tab-sessions'
import { toQuarryError } from './to-quarry-error'

/** What the edit service needs of the connection service. */
export interface EditConnections {
  get(connectionId: string): Promise<DriverConnection>
  summary(connectionId: string): ConnectionSummary
}

/** An edit request as the contract takes it, with the connection and database it is for. */
export interface EditInput extends EditRequest {
  connectionId: string
  database?: string | undefined
}

/** An apply: on the tab's session when given, leaving the changes open in manual-commit mode. */
export interface ApplyInput extends EditInput {
  sessionId?: string | undefined
  manualCommit?: boolean | undefined
  /** The client's id of the apply, for `cancel`; without it the apply cannot be cancelled. */
  applyId?: string | undefined
}

/**
 * Edits data (issue "Edit data with proof"): previews the exact statements, applies them in one
 * transaction on the tab's session, and records each apply in History. Read-only connections
 * refuse before anything runs. Under safe mode the review is the confirmation: the user saw the
 * exact statements, so they run without the read-only guard (a read-only connection still refuses).
 */
export class EditService {
  /** Applies running under their client's `applyId`: cancelled on request or when the client goes away. */
  private readonly running = new ClientJobs('Apply')
  /** Applies without an id: nothing can name them, but a client going away stops them all the same. */
  private readonly unnamed = new ClientJobs('Apply')
  private unnamedCount = 0

  constructor(
    private readonly connections: EditConnections,
    private readonly sessions: TabSessions,
    private readonly record?: (entry: HistoryRecord) => void,
    /** How long a statement may wait for a locked row (tests shorten it); the engine default when absent. */
    private readonly lockWaitMs?: number,
  ) {}

  /** With the tab's session (`client`, `sessionId`): the wrapper shown is the one apply would use now. */
  async preview(input: ApplyInput, client?: ClientSink): Promise<EditPlan> {
    const edits = await this.editsOf(input.connectionId)
    const database = this.planDatabase(input)
    const { connectionId, sessionId } = input
    const session =
      client && sessionId
        ? {
            transaction: this.sessions.lastTransaction(client, sessionId, { connectionId, database: input.database }),
            manualCommit: input.manualCommit === true && !this.connections.summary(connectionId).safeMode,
          }
        : {}
    return edits.preview(requestOf(input), { ...(database === undefined ? {} : { database }), ...session })
  }

  /**
   * Applies the edits; with an `applyId`, `cancel` can stop it (everything rolls back). Either way
   * the apply is stopped and rolled back if its client goes away while it runs.
   */
  async apply(client: ClientSink, input: ApplyInput): Promise<EditOutcome> {
    const { applyId } = input
    const [jobs, id] = applyId === undefined ? [this.unnamed, String(++this.unnamedCount)] : [this.running, applyId]
    let outcome!: Promise<EditOutcome>
    // The job starts at once (synchronously), or the id is refused as already running.
    jobs.start(client, id, undefined, (signal) => {
      outcome = this.run(client, input, signal)
      return outcome.then(noop, noop)
    })
    return outcome
  }

  /** Cancels the client's running apply; resolves once it has ended (rolled back). False: none was running. */
  cancel(client: ClientSink, applyId: string): Promise<boolean> {
    return this.running.cancel(client, applyId)
  }

  private async run(client: ClientSink, input: ApplyInput, signal: AbortSignal | undefined): Promise<EditOutcome> {
    const startedAt = new Date()
    const edits = await this.editsOf(input.connectionId)
    const { connectionId, database, sessionId } = input
    const lease: SessionLease | null = sessionId
      ? await this.sessions.take(client, sessionId, { connectionId, database })
      : null
    let outcome: EditOutcome | null = null
    let failure: QuarryError | null = null
    let session: SessionState | null = null
    let statements: string[] = []
    try {
      const held = lease?.held ?? null
      const planIn = this.planDatabase(input)
      outcome = await edits.apply(requestOf(input), {
        ...(planIn === undefined ? {} : { database: planIn }),
        ...(held ? { session: held.held, transaction: await held.transaction() } : {}),
        // As for runs: under safe mode no transaction spans runs (each statement gets its own), so none is left open.
        manualCommit: input.manualCommit === true && !this.connections.summary(connectionId).safeMode,
        planned: (plan) => {
          statements = [plan.transaction.begin, ...plan.statements.map((s) => s.display), plan.transaction.end]
        },
        ...(signal ? { signal } : {}),
        ...(this.lockWaitMs === undefined ? {} : { lockWaitMs: this.lockWaitMs }),
      })
      return outcome
    } catch (error) {
      failure = toQuarryError(error, this.connections.summary(connectionId).engine)
      throw error
    } finally {
      // The statements that ran in the session's transaction (for its count); a conflict left none.
      const ran = outcome?.kind === 'applied' && !outcome.committed ? outcome.statements : 0
      session = lease ? await lease.release(ran) : null
      if (outcome) outcome.session = session
      this.remember(input, startedAt, statements, outcome, failure)
    }
  }

  /**
   * The database a request's table is in: the one it names, else the connection's (where a query
   * tab runs when it names none; not where a database is a schema). The tab's session is still
   * matched by the database the request names.
   */
  private planDatabase(input: EditInput): string | undefined {
    if (input.database !== undefined) return input.database
    const summary = this.connections.summary(input.connectionId)
    return engineOf(summary.engine).editor.databaseIsSchema ? undefined : summary.database
  }

  private async editsOf(connectionId: string): Promise<ConnectionEdits> {
    const summary = this.connections.summary(connectionId)
    if (summary.readOnly) {
      const message = 'This connection is read-only: its data cannot be edited'
      throw new QuarryFailure({ kind: 'permission', message, engine: summary.engine })
    }
    const connection = await this.connections.get(connectionId)
    if (!connection.edits) {
      const message = 'Editing data is not available for this engine'
      throw new QuarryFailure({ kind: 'invalid-input', message, engine: summary.engine })
    }
    return connection.edits
  }

  /** History keeps each apply: the statements as reviewed, and how it ended. */
  private remember(
    input: ApplyInput,
    startedAt: Date,
    statements: string[],
    outcome: EditOutcome | null,
    failure: QuarryError | null,
  ): void {
    if (!this.record) return
    const engine = this.connections.summary(input.connectionId).engine
    const conflicts = outcome?.kind === 'conflict' ? outcome.conflicts.length : 0
    const kept = outcome?.kind === 'conflict' ? (outcome.keptChanges ?? []) : []
    const error: HistoryRecord['error'] = failure
      ? { kind: failure.kind, message: failure.message, ...(failure.code ? { code: failure.code } : {}) }
      : conflicts > 0
        ? { kind: 'invalid-input', message: conflictMessage(conflicts, kept) }
        : null
    const table = input.target.schema ? `${input.target.schema}.${input.target.table}` : input.target.table
    this.record({
      connectionId: input.connectionId,
      engine,
      sql: [`-- Edits of ${table}`, ...statements.filter(Boolean).map((s) => `${s};`)].join('\n'),
      startedAt: startedAt.toISOString(),
      elapsedMs: Date.now() - startedAt.getTime(),
      rowCount: 0,
      affectedRows: outcome?.kind === 'applied' ? outcome.statements : null,
      // A cancelled apply is kept as a cancelled run is: rolled back, no error of its own.
      outcome: failure?.kind === 'cancelled' ? 'cancelled' : error ? 'error' : 'done',
      error: failure?.kind === 'cancelled' ? null : error,
    })
  }
}

/** What History says of a conflict: everything rolled back, or (no transactions) which changes stayed. */
export function conflictMessage(conflicts: number, kept: readonly number[]): string {
  const head = `Edits not applied: ${conflicts} change(s) did not match exactly one row`
  if (kept.length === 0) return `${head}, so every change was rolled back`
  const names = kept.map((index) => index + 1).join(', ')
  return `${head}; the server has no transactions, so change(s) ${names}, written before it, stay applied`
}

const noop = (): void => {}

const requestOf = ({ target, keyColumns, changes }: EditRequest): EditRequest => ({
  target,
  changes,
  ...(keyColumns ? { keyColumns } : {}),
})
