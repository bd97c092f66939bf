import { z } from 'zod'
import type { MethodName } from './method-names'
import { connectionProfileSchema, hasControlCharacters, passwordSchema } from './connection-profile'
import { pickerFiltersOf } from '../engines/engine-files'
import { HISTORY_LIMIT } from './editor-model'
import type { HistoryEntry, LoadedTabs, QueryPlan } from './editor-model'
import { CONNECTABLE_ENGINE_IDS } from './engine-catalog'
import { erLayoutSchema, MAX_LAYOUT_BYTES, type ErLayout } from './er-layout'
import { utf8Length } from './ws-frames'
import { EXPORT_FORMATS, MAX_EXPORT_PATH } from './export-formats'
import { exportOptionsSchema } from './export-options'
import { importPlanSchema, importSourceSchema, type ImportAnalysis, type ImportUpload } from './import-model'
import type { SessionState } from './session-model'
import { editRequestShape, type EditOutcome, type EditPlan } from './edit-model'
import { queryFileNameSchema } from './saved-queries'
import type { QueryFile, QueryFolderListing, SavedQueryFile } from './saved-queries'
import { MAX_GRAPH_AROUND, type SchemaGraph } from './schema-graph'
import {
  columnConditionSchema,
  MAX_TABLE_CONDITIONS,
  tablePageSchema,
  tableQuerySchema,
  type BuiltTableQuery,
  type TablePageInfo,
} from './table-query'
import type {
  AppInfo,
  CatalogObject,
  ConnectionExport,
  ConnectionImportReport,
  ConnectionStoreStatus,
  ConnectionSummary,
  ConnectionTestResult,
  DatabaseInfo,
  EngineId,
  SavedConnection,
  SchemaInfo,
  ServerInfo,
  TableInfo,
  TableKind,
  TableSchema,
} from './model'

/** Largest connection export accepted for import (4 MiB). */
export const MAX_IMPORT_LENGTH = 4 * 1024 * 1024

/** Largest SQL text accepted from the renderer (10 MiB). */
export const MAX_SQL_LENGTH = 10 * 1024 * 1024

/** How long an exact row count (meta.countRows) may run before it fails as a timeout. */
export const COUNT_ROWS_TIMEOUT_MS = 60_000

const id = z.string().min(1).max(128)
const identifier = z.string().min(1).max(1024)
const connectionRef = { connectionId: id }
/** The grid row limit of a run: main sends at most this many rows, then stops reading (null: none). */
const rowLimit = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable()
/** Tabs a workspace may keep open across restarts. */
export const MAX_SAVED_TABS = 200
/** Recently closed tabs kept for "Reopen closed tab". */
export const MAX_CLOSED_TABS = 25
/**
 * Largest `tabs.save` request (UTF-8 bytes of its JSON): what the tabs journal keeps across
 * restarts, within one browser-mode message (WS_MAX_PAYLOAD).
 */
export const MAX_SAVED_TABS_BYTES = 10 * 1024 * 1024
const engineId = z.enum(CONNECTABLE_ENGINE_IDS)
/** A tab's id: a query tab's is short; a table tab's names its connection, database, schema and table. */
const tabId = z
  .string()
  .min(1)
  .max(4 * 1024 + 200)
const tabTitle = z.string().min(1).max(200)
const name = z.string().max(1024)
const tableKinds = [
  'table',
  'view',
  'materialized-view',
  'partitioned-table',
  'virtual-table',
] as const satisfies readonly TableKind[]
const savedQueryTab = z
  .object({
    kind: z.literal('query').optional(),
    id,
    title: tabTitle,
    connectionId: id,
    engine: engineId,
    sql: z.string().max(MAX_SQL_LENGTH),
    database: identifier.optional(),
    file: z
      .object({ name: queryFileNameSchema, savedHash: z.string().max(64) })
      .strict()
      .optional(),
  })
  .strict()
const savedTableTab = z
  .object({
    kind: z.literal('table'),
    id: tabId,
    // The table's name (a renamed query tab's title is bounded; a table's name is the engine's).
    title: identifier,
    connectionId: id,
    engine: engineId,
    database: name,
    table: z
      .object({
        schema: name,
        name: identifier,
        kind: z.enum(tableKinds),
        rowCount: z.number().nullable(),
        rowCountExact: z.boolean(),
      })
      .strict(),
    view: z.enum(['data', 'structure']),
  })
  .strict()
const savedDiagramTab = z
  .object({
    kind: z.literal('diagram'),
    id: tabId,
    title: tabTitle,
    connectionId: id,
    engine: engineId,
    database: name,
    schema: name,
    focus: identifier.nullable(),
  })
  .strict()
/** A saved tab, as `tabs.save` takes it and the tabs file holds it. */
export const savedTabSchema = z.discriminatedUnion('kind', [savedQueryTab, savedTableTab, savedDiagramTab])

/** Phantom marker carrying a method's result type. */
const returns = <T>(): T => undefined as T

/** Input schema (validated in main) and result type of every request. */
export const methods = {
  'app.info': { input: z.object({}).strict(), output: returns<AppInfo>() },
  'connections.list': { input: z.object({}).strict(), output: returns<ConnectionSummary[]>() },
  'connections.serverInfo': {
    input: z.object(connectionRef).strict(),
    output: returns<ServerInfo>(),
  },
  /** Engines this build has a driver for (the dialog offers the others as unavailable). */
  'connections.engines': { input: z.object({}).strict(), output: returns<EngineId[]>() },
  /** Where saved connections live, and any problem reading them at start-up. */
  'connections.status': { input: z.object({}).strict(), output: returns<ConnectionStoreStatus>() },
  /** A saved connection's profile for editing: the password only as `hasPassword`. */
  'connections.get': { input: z.object(connectionRef).strict(), output: returns<SavedConnection>() },
  /**
   * Creates (no connectionId) or replaces a saved connection. `password` omitted keeps the saved
   * one (only while the server is unchanged); `forgetPassword` drops it.
   */
  'connections.save': {
    input: z
      .object({
        connectionId: id.optional(),
        profile: connectionProfileSchema,
        password: passwordSchema.optional(),
        forgetPassword: z.boolean().optional(),
        /** The SSH password or key passphrase; same rules as `password`. */
        sshSecret: passwordSchema.optional(),
        forgetSshSecret: z.boolean().optional(),
      })
      .strict(),
    output: returns<ConnectionSummary>(),
  },
  'connections.delete': { input: z.object(connectionRef).strict(), output: returns<{ deleted: true }>() },
  /**
   * Connects and asks the server's version, then disconnects. Either an unsaved profile (+ password),
   * or a saved connection by id, optionally with the dialog's edited profile and a new password.
   */
  'connections.test': {
    input: z
      .object({
        connectionId: id.optional(),
        profile: connectionProfileSchema.optional(),
        password: passwordSchema.optional(),
        sshSecret: passwordSchema.optional(),
      })
      .strict()
      .refine((input) => input.connectionId !== undefined || input.profile !== undefined, {
        message: 'a profile or a connectionId is required',
        path: ['profile'],
      }),
    output: returns<ConnectionTestResult>(),
  },
  /**
   * The saved connections as an export file, without any secret: its text (`text`, browser mode) or
   * written where the user chooses in a save dialog shown by main (`file`, desktop).
   */
  'connections.export': {
    input: z.object({ to: z.enum(['text', 'file']) }).strict(),
    output: returns<ConnectionExport>(),
  },
  /**
   * Adds the connections of an export file: its text (browser mode), or a file the user picks in an
   * open dialog shown by main (no text, desktop). Never replaces a saved connection: a name already
   * taken gets a suffix. Bad entries are reported, the good ones imported.
   */
  'connections.import': {
    input: z.object({ text: z.string().max(MAX_IMPORT_LENGTH).optional() }).strict(),
    output: returns<ConnectionImportReport>(),
  },
  /**
   * Shows the desktop's open-file dialog with the engine's file types (its descriptor's picker
   * filters, then All files) and answers the chosen path, or null when dismissed. Browser mode has
   * no native dialog: it answers invalid-input, and the user types the path.
   */
  'files.choose': {
    input: z
      .object({
        engine: engineId.refine((engine) => pickerFiltersOf(engine) !== null, 'this engine opens no files'),
      })
      .strict(),
    output: returns<{ path: string | null }>(),
  },
  'meta.databases': { input: z.object(connectionRef).strict(), output: returns<DatabaseInfo[]>() },
  'meta.schemas': {
    input: z.object({ ...connectionRef, database: identifier }).strict(),
    output: returns<SchemaInfo[]>(),
  },
  'meta.tables': {
    input: z.object({ ...connectionRef, database: identifier, schema: identifier }).strict(),
    output: returns<TableInfo[]>(),
  },
  'meta.tableSchema': {
    input: z.object({ ...connectionRef, database: identifier, schema: identifier, table: identifier }).strict(),
    output: returns<TableSchema>(),
  },
  /** A schema's routines, sequences and triggers, where the engine has them ([] where it has none). */
  'meta.objects': {
    input: z.object({ ...connectionRef, database: identifier, schema: identifier }).strict(),
    output: returns<CatalogObject[]>(),
  },
  /**
   * A schema's tables, columns and foreign keys, for the ER diagram (a few catalog queries, not one
   * per table); with `around`, only those tables and the tables related to them (SchemaGraph.complete).
   */
  'meta.schemaGraph': {
    input: z
      .object({
        ...connectionRef,
        database: identifier,
        schema: identifier,
        around: z.array(identifier).min(1).max(MAX_GRAPH_AROUND).optional(),
      })
      .strict(),
    output: returns<SchemaGraph>(),
  },
  /** An ER diagram's saved layout (empty when none was saved), from main's state file. */
  'er.loadLayout': {
    input: z.object({ ...connectionRef, database: identifier, schema: identifier }).strict(),
    output: returns<ErLayout>(),
  },
  /** Replaces an ER diagram's saved layout (bounded: MAX_LAYOUT_TABLES boxes, MAX_LAYOUT_BYTES). */
  'er.saveLayout': {
    input: z
      .object({ ...connectionRef, database: identifier, schema: identifier, layout: erLayoutSchema })
      .strict()
      .refine((input) => utf8Length(JSON.stringify(input.layout)) <= MAX_LAYOUT_BYTES, {
        message: `the layout is larger than ${MAX_LAYOUT_BYTES / 1024 / 1024} MiB`,
        path: ['layout'],
      }),
    output: returns<{ saved: number }>(),
  },
  /**
   * The exact row count of a table (COUNT(*), read-only), as decimal text (int64-exact). Bounded:
   * it fails as `timeout` after COUNT_ROWS_TIMEOUT_MS. `countId` lets meta.cancelCount stop it
   * (it then fails as `cancelled`). SQL engines only. With `conditions`, only the rows that match
   * them all (values bound as parameters): the rows that reference a row, for "Referenced by".
   */
  'meta.countRows': {
    input: z
      .object({
        ...connectionRef,
        database: identifier,
        schema: identifier,
        table: identifier,
        countId: id.optional(),
        conditions: z.array(columnConditionSchema).max(MAX_TABLE_CONDITIONS).optional(),
        /** Count at most this many (reading one more): a bigger table answers `atLeast` instead of scanning on. */
        atMost: z.number().int().min(1).max(1_000_000_000).optional(),
      })
      .strict(),
    /** `atLeast`: the count stopped at `atMost` (there are more rows); `count` is then `atMost`. */
    output: returns<{ count: string; atLeast?: true }>(),
  },
  /** Stops this client's running meta.countRows with that countId; false when none is running. */
  'meta.cancelCount': {
    input: z.object({ countId: id }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  'query.start': {
    input: z
      .object({
        ...connectionRef,
        queryId: id,
        database: identifier.optional(),
        sql: z.string().min(1).max(MAX_SQL_LENGTH),
        /** The user confirmed its dangerous statements (safe mode, engines judged by the lexer). */
        confirmedDangerous: z.boolean().optional(),
        /**
         * Safe mode: the exact text of the statement the server refused as a write and the user
         * confirmed; the run must start with it, and only it runs read-write.
         */
        confirmedWrite: z.string().min(1).max(MAX_SQL_LENGTH).optional(),
        /**
         * The editor tab's session: runs with the same id share one server session (SET, temp
         * tables, an open transaction carry from run to run) until `session.close`.
         */
        sessionId: id.optional(),
        /** Manual-commit mode: a run that finds no transaction open opens one first. */
        manualCommit: z.boolean().optional(),
        rowLimit: rowLimit.optional(),
      })
      .strict()
      .refine((input) => input.manualCommit === undefined || input.sessionId !== undefined, {
        message: 'manual commit needs a session',
        path: ['manualCommit'],
      }),
    output: returns<{ queryId: string }>(),
  },
  /**
   * Changes the row limit of a running query: it stops once this many rows were sent (at once if
   * that many already were). False if the query is no longer running.
   */
  'query.limit': {
    input: z.object({ queryId: id, rowLimit }).strict(),
    output: returns<{ applied: boolean }>(),
  },
  'query.cancel': {
    input: z.object({ queryId: id }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  'query.ack': {
    input: z.object({ queryId: id, seq: z.number().int().min(0) }).strict(),
    output: returns<null>(),
  },
  /**
   * The plan of one statement, normalised into a tree. `analyze` runs the statement to measure it
   * (engines that support it); the renderer warns the user first.
   */
  'query.explain': {
    input: z
      .object({
        ...connectionRef,
        database: identifier.optional(),
        sql: z.string().min(1).max(MAX_SQL_LENGTH),
        analyze: z.boolean().optional(),
      })
      .strict(),
    output: returns<QueryPlan>(),
  },
  /**
   * Streams a table's rows like `query.start` (same events), from a structured request: main
   * builds the statement, condition values as bind parameters. Answers the SQL it built. With
   * `page`, only that page (keyset on the table's key where it has one) and how it pages.
   */
  'table.query': {
    input: z
      .object({
        ...connectionRef,
        queryId: id,
        database: identifier.optional(),
        query: tableQuerySchema,
        rowLimit: rowLimit.optional(),
        /** One page (see TablePage); absent: every row. */
        page: tablePageSchema.optional(),
      })
      .strict(),
    output: returns<{ queryId: string; page?: TablePageInfo } & BuiltTableQuery>(),
  },
  /**
   * The statements that would apply staged edits, generated in main for the engine (keyed, guarded
   * by the original values, values bound): what the review shows. Runs nothing. Refuses (invalid-
   * input, with the reason) a table with no usable key when the user chose none.
   */
  'edits.preview': {
    /** With the tab's `sessionId` and commit mode, the transaction statements shown are those apply would run. */
    input: z
      .object({
        ...connectionRef,
        database: identifier.optional(),
        ...editRequestShape,
        sessionId: id.optional(),
        manualCommit: z.boolean().optional(),
      })
      .strict(),
    output: returns<EditPlan>(),
  },
  /**
   * Applies staged edits: the preview's statements in one transaction on the tab's session
   * (`sessionId`; a pooled one without it). Each must affect exactly one row, else everything rolls
   * back and the answer lists the conflicts with each row as the server has it now. In manual-commit
   * mode the changes stay in the tab's open transaction until Commit. Read-only connections refuse.
   * `applyId` (the client's, unique among its running applies) lets `edits.cancel` stop it. A row
   * another session keeps locked fails the apply after a bound (engines that have one), rolled back.
   */
  'edits.apply': {
    input: z
      .object({
        ...connectionRef,
        database: identifier.optional(),
        ...editRequestShape,
        sessionId: id.optional(),
        manualCommit: z.boolean().optional(),
        applyId: id.optional(),
      })
      .strict()
      .refine((input) => input.manualCommit === undefined || input.sessionId !== undefined, {
        message: 'manual commit needs a session',
        path: ['manualCommit'],
      }),
    output: returns<EditOutcome>(),
  },
  /**
   * Cancels a running apply (by its `applyId`): the engine stops the running statement, everything
   * the apply did is rolled back (to its savepoint when the tab's transaction was open), and the
   * apply answers a `cancelled` error. Resolves once the apply has ended; false if none was running.
   * The apply's own answer says how it ended: a cancel that arrives during COMMIT is too late.
   */
  'edits.cancel': {
    input: z.object({ applyId: id }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  /** Commits or rolls back the tab session's open transaction; answers the session's state after it. */
  'session.transaction': {
    input: z.object({ sessionId: id, action: z.enum(['commit', 'rollback']) }).strict(),
    output: returns<SessionState>(),
  },
  /**
   * Ends a tab's session (tab closed, or moved to another connection): its open transaction is
   * rolled back unless `action` says commit. Answers false when the tab had no session.
   */
  'session.close': {
    input: z.object({ sessionId: id, action: z.enum(['commit', 'rollback']).optional() }).strict(),
    output: returns<{ closed: boolean }>(),
  },
  /** The tabs saved by the last `tabs.save` (across restarts). */
  'tabs.load': { input: z.object({}).strict(), output: returns<LoadedTabs>() },
  /** Replaces the saved tabs: open ones and recently closed ones (the renderer calls it at most ~1 s behind typing). */
  'tabs.save': {
    input: z
      .object({
        tabs: z.array(savedTabSchema).max(MAX_SAVED_TABS),
        activeId: tabId.nullable(),
        closed: z.array(savedTabSchema).max(MAX_CLOSED_TABS).optional(),
      })
      .strict()
      .refine((input) => new Set(input.tabs.map((tab) => tab.id)).size === input.tabs.length, {
        message: 'tab ids must be unique',
        path: ['tabs'],
      })
      .refine((input) => utf8Length(JSON.stringify(input)) <= MAX_SAVED_TABS_BYTES, {
        message: `the tabs hold more text than the ${MAX_SAVED_TABS_BYTES / 1024 / 1024} MiB kept across restarts`,
        path: ['tabs'],
      }),
    output: returns<{ saved: number }>(),
  },
  /** The queries folder and its `.sql` files. */
  'queries.list': { input: z.object({}).strict(), output: returns<QueryFolderListing>() },
  /** Desktop: picks another queries folder in main's dialog (remembered); null when dismissed. */
  'queries.chooseFolder': { input: z.object({}).strict(), output: returns<QueryFolderListing | null>() },
  /** Reads a saved query by name; without one (desktop), main's Open dialog chooses it (null: dismissed). */
  'queries.open': {
    input: z.object({ name: queryFileNameSchema.optional() }).strict(),
    output: returns<QueryFile | null>(),
  },
  /**
   * Writes a query to a `.sql` file of the folder under a `-- quarry:` header naming its connection
   * (and database). Without a name (desktop), main's Save dialog chooses it (null: dismissed). An
   * existing file is replaced only with `overwrite`.
   */
  'queries.save': {
    input: z
      .object({
        name: queryFileNameSchema.optional(),
        sql: z.string().max(MAX_SQL_LENGTH),
        connection: z.string().min(1).max(1024),
        database: identifier.optional(),
        overwrite: z.boolean().optional(),
      })
      .strict(),
    output: returns<SavedQueryFile | null>(),
  },
  /**
   * Runs of the history, newest first, whose SQL (or error message) contains every word of
   * `query` (case-insensitive); optionally of one connection.
   */
  'history.search': {
    input: z
      .object({
        query: z.string().max(1000),
        connectionId: id.optional(),
        limit: z.number().int().min(1).max(HISTORY_LIMIT).optional(),
      })
      .strict(),
    output: returns<HistoryEntry[]>(),
  },
  'history.clear': { input: z.object({}).strict(), output: returns<{ cleared: number }>() },
  /**
   * Runs the statement again and streams its rows from main straight to a file (never through the
   * renderer), reporting `export.progress` events then one `export.end`. In the
   * desktop app main asks for the file in a save dialog (`path` is refused); in browser mode the
   * user types `path` (absolute, parent directory existing), or asks for a browser download
   * (`destination: 'download'`): the answer's `download` is a one-time link the page opens, and the
   * export runs, streamed, when the browser fetches it. Answers path null when the dialog was dismissed.
   */
  'export.start': {
    input: z
      .object({
        ...connectionRef,
        queryId: id,
        database: identifier.optional(),
        /** The statement to export; or `tableQuery`, a table Data view's request (exactly one). */
        sql: z.string().min(1).max(MAX_SQL_LENGTH).optional(),
        tableQuery: tableQuerySchema.optional(),
        format: z.enum(EXPORT_FORMATS),
        /** CSV and SQL INSERT options (each validated; absent: the defaults). */
        options: exportOptionsSchema.optional(),
        path: z
          .string()
          .min(1)
          .max(MAX_EXPORT_PATH)
          .refine((value) => !hasControlCharacters(value), 'must not contain control characters')
          .optional(),
        overwrite: z.boolean().optional(),
        /** Browser mode: a browser download (answered with a one-time `download` link) instead of a typed path. */
        destination: z.enum(['path', 'download']).optional(),
        /** The table the rows come from, for SQL INSERT statements (else a placeholder name). */
        table: z.object({ schema: identifier.nullable(), name: identifier }).strict().optional(),
        /** Every result of the script `sql`: one file each (the path with -1, -2… before its extension), or for XLSX one sheet each of one workbook. */
        allResults: z.boolean().optional(),
        /** With `allResults` in a text format: one .zip holding a file per result (a download always is one). */
        archive: z.boolean().optional(),
      })
      .strict()
      .refine((input) => (input.sql === undefined) !== (input.tableQuery === undefined), {
        message: 'either sql or tableQuery is required, not both',
        path: ['sql'],
      }),
    output: returns<{ queryId: string; path: string | null; download?: string }>(),
  },
  'export.cancel': {
    input: z.object({ queryId: id }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  /**
   * Reads the whole file at `source.file` (absolute, on the machine Quarry runs on) and answers
   * every column's profile, with the types the connection's engine proposes; `import.analysing`
   * events report how far it has read. Cancelled by `import.cancel` with the same id.
   */
  'import.analyse': {
    input: z.object({ ...connectionRef, importId: id, source: importSourceSchema.strict() }).strict(),
    output: returns<ImportAnalysis>(),
  },
  /** Starts an import run (see ImportPlan): `import.progress` events, then one `import.end`. */
  'import.start': {
    input: z.object({ ...connectionRef, importId: id, plan: importPlanSchema.strict() }).strict(),
    output: returns<{ importId: string }>(),
  },
  'import.cancel': {
    input: z.object({ importId: id }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  /**
   * Browser mode: makes room for a file the page uploads in slices (PUT to `url`); the answer names
   * the server-side file. It is removed by import.discard, when the page goes away, or at start-up.
   */
  'import.upload': {
    input: z
      .object({ name: z.string().min(1).max(255), size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
      .strict(),
    output: returns<ImportUpload>(),
  },
  'import.discard': {
    input: z.object({ uploadId: id }).strict(),
    output: returns<{ removed: boolean }>(),
  },
  /** Desktop app: main's open dialog for a file to import; its path, or null when dismissed. */
  'import.choose': {
    input: z.object({}).strict(),
    output: returns<{ path: string | null }>(),
  },
  /** Browser mode: a one-time download link for a rejects file (only one in Quarry's rejects folder). */
  'import.rejects': {
    input: z.object({ file: z.string().min(1).max(4096) }).strict(),
    output: returns<{ download: string }>(),
  },
} satisfies Record<MethodName, { input: z.ZodType; output: unknown }>

export type Methods = typeof methods
export type MethodInput<M extends MethodName> = z.infer<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = Methods[M]['output']
