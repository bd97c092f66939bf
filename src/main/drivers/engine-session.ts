import type { EngineId, QuarryFailure, TransactionState } from '../../shared/contract'
import type { ScriptStatement } from '../../shared/dialect/split-statements'
import type { StreamItem, StreamOptions } from './driver'

/** What a statement yields: a stream's items without the `statement` marker, which the runner adds. */
export type StatementEvent = Exclude<StreamItem, { kind: 'statement' }>

/** How the runner starts one statement on a session. */
export interface StatementStart {
  /** Size of the statement's n-th batch (0-based), validated; a result that starts again asks for 0 again. */
  sizes(batchIndex: number): number
  /** Placeholder values (the script is then one statement). */
  params?: readonly string[]
  /** The columns the caller already shows (StreamOptions.knownColumns). */
  knownColumns?: readonly string[]
  /** This statement runs read-only because the safe-mode guard says so (not only the connection). */
  guarded: boolean
  /** The statement's index in the script. */
  index: number
}

/**
 * One statement running on a session, read event by event: `columns`, `rows` batches, `summary`
 * (engines write it as an async generator). An engine whose statement gives several results (an
 * SQL Server batch) yields `columns` again after a `summary`: the runner marks that as a further
 * statement of the stream. A document engine may yield `columns` again between row batches (grown
 * columns). Read-ahead is the cursor's own. Its errors are raw: the session's `failure` maps them.
 */
export type StatementCursor = AsyncIterator<StatementEvent, unknown, undefined>

/** How a run ended, for the session to settle. */
export interface RunEnd {
  /** The signal was aborted: `interrupt()` was called (once) and has resolved. */
  interrupted: boolean
  /** The run failed with this error (already mapped), if it did. */
  failure: QuarryFailure | null
}

/** The engine's read-only mode around each statement (engines whose server judges writes). */
export interface ReadOnlyHooks {
  /** Before each statement: enter (or, for the one confirmed statement, leave) read-only mode. */
  begin(statement: ScriptStatement, readOnly: boolean): Promise<void>
  /** After a statement that ran read-only (it succeeded). */
  end(statement: ScriptStatement): Promise<void>
  /** Whether a statement's (mapped) failure is the read-only mode refusing a write. */
  refused(failure: QuarryFailure): boolean
  /** The refusal on a read-only connection (no guard involved); unchanged when absent. */
  connectionRefusal?(failure: QuarryFailure): QuarryFailure
}

/**
 * One engine session a run holds: a pooled one for the run, or one its owner holds across runs
 * (a tab's own session). It runs one statement at a time.
 */
export interface EngineSession {
  /** Sends a statement; errors (thrown or from the cursor) are mapped by `failure`. */
  start(statement: ScriptStatement, start: StatementStart): StatementCursor | Promise<StatementCursor>
  /**
   * The engine's own cancel of the running statement (PG cancel request, MySQL KILL QUERY, TDS
   * attention, host interrupt, killSessions). Called at most once per run; resolves once the
   * statement has stopped in the engine (or the engine gave up on it).
   */
  interrupt(): Promise<void>
  /**
   * Ends the run on the session: a statement left open (consumer break, error) is stopped, a
   * cancel still on its way absorbed. Resolves whether the session can still be used.
   */
  settle(end: RunEnd): Promise<boolean>
  /** Maps a statement's error to a QuarryFailure, its position relative to the whole script. */
  failure(error: unknown, statement: ScriptStatement): QuarryFailure
  /** Read-only mode per statement; absent where the engine has none to enter. */
  readonly readOnly?: ReadOnlyHooks
}

/** An engine as the script runner sees it: how to split a script, and where its sessions come from. */
export interface ScriptEngine<S extends EngineSession = EngineSession> {
  readonly engine: EngineId
  /** Splits a script into statements (a SQL dialect's splitter, or a command parser). Throws typed errors. */
  split(sql: string): readonly ScriptStatement[]
  /**
   * A statement's marker waits for its first event (an SQL Server batch is shown once it answers);
   * otherwise it is yielded before the statement starts.
   */
  readonly markOnFirstEvent?: boolean
  /** What an empty script says; a default names SQL statements. */
  readonly emptyScript?: string
  /** A read-only connection: every statement runs read-only, guard or not. */
  readonly readOnly: boolean
  /** A session for one run (on its `database`, the connection's default when none); aborting gives up waiting. */
  acquire(run: StreamOptions, signal: AbortSignal): Promise<S>
  /** Gives a session back after its run; `broken` ones (unknown state) are closed, not reused. */
  release(session: S, end: { broken: boolean }): Promise<void>
  /** The engine's cancelled failure. */
  cancelled(): QuarryFailure
  /** Sessions an editor tab holds across runs; absent where the engine has none. */
  readonly tabSessions?: TabSessionHooks<S>
}

/**
 * How an engine opens a session for one editor tab: its own server session (or engine
 * connection), outside the pool and its cap, so tabs never wait for each other or for the pool.
 */
export interface TabSessionHooks<S extends EngineSession> {
  open(database: string | undefined): Promise<S>
  /** The session's transaction as the server reports it (no statement of the user's is run). */
  transaction(session: S): Promise<TransactionState>
  /** Ends the session: closing it makes the server roll back whatever is still open. */
  close(session: S): Promise<void>
}

/**
 * A session its owner holds across runs (issue 13: a tab's own session). A run on it neither
 * acquires nor releases it; when the run ends, `usable` says whether the session still is.
 */
export interface HeldSession<S extends EngineSession = EngineSession> {
  readonly session: S
  usable: boolean
}
