import type { WireValue } from '../../../shared/contract/values'
import type { ImportColumn } from '../../../shared/contract/import-model'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import type {
  CatalogMethods,
  HostMessageOf,
  HostReadyBase,
  HostRequestOf,
  NoParams,
  ParamsOf,
  QueryBatch,
  QueryOpened,
  ResultOf,
} from '../engine-host/host-messages'

export type { QueryBatch, QueryOpened } from '../engine-host/host-messages'

/** How a host opens the database file. */
export interface OpenParams {
  file: string
  readOnly: boolean
  /** Fail instead of creating the file (read-only connections, and every host after the first). */
  mustExist: boolean
}

/** A host's counters, for diagnostics and tests. */
export interface HostStats {
  pid: number
  /** Rows read from cursors by this host since it started. */
  rowsRead: number
  cursorOpen: boolean
}

/** Every request the parent makes of a host: its parameters and its result. */
export interface HostMethods extends CatalogMethods {
  open: { params: OpenParams; result: null }
  stats: { params: NoParams; result: HostStats }
  /**
   * One of main's catalog statements (the ER diagram's), on the metadata host: its rows as cells.
   * Refused unless SQLite says the statement only reads.
   */
  'meta.catalogRows': { params: { sql: string; params: string[] }; result: WireValue[][] }
  /**
   * Prepares one statement; runs it at once if it returns no rows, else opens a cursor. `guard`:
   * a statement SQLite says writes (sqlite3_stmt_readonly) is refused before its first step, as
   * every one is on a read-only connection.
   */
  'query.open': { params: { sql: string; guard: boolean; params?: string[] }; result: QueryOpened }
  /** Reads the next rows from the open cursor: the host reads nothing until asked. */
  'query.next': { params: { size: number }; result: QueryBatch }
  /** Closes the open cursor, if any. Also the cooperative cancel: the host is idle between pulls. */
  'query.close': { params: NoParams; result: null }
  /**
   * An import's rows (issue 17): prepared INSERTs (cached by their text), `sql` + `tuple` for one
   * row and `sql` + `group` tuples for as many, values bound as text, null as NULL; whole groups
   * go through the second. Answers the rows written; the first failure stops the batch.
   */
  'bulk.insert': {
    params: { sql: string; tuple: string; group: number; rows: (string | null)[][] }
    result: number
  }
  /**
   * An import's file read by the host itself (issue 17's direct load): opened with how it is read,
   * how its records convert, and the INSERTs to write them with (as `bulk.insert`), then read and
   * written in steps.
   */
  'bulk.fileOpen': {
    params: {
      file: string
      delimiter: string
      nullMarkers: string[]
      /** Each record converted as the import converts it (a record it refuses fails the step). */
      columns: ImportColumn[]
      facts: ImportFacts
      sql: string
      tuple: string
      group: number
    }
    result: null
  }
  /** Reads and writes up to `rows` more records: those written, the file's bytes read so far, whether it ended. */
  'bulk.fileNext': { params: { rows: number }; result: { rows: number; bytes: number; done: boolean } }
  /** Whether a transaction is open on the host's connection (SQLite's autocommit is off). */
  'session.inTransaction': { params: NoParams; result: boolean }
}

export type HostMethod = keyof HostMethods
export type HostParams<M extends HostMethod> = ParamsOf<HostMethods, M>
export type HostResult<M extends HostMethod> = ResultOf<HostMethods, M>

/** A request message, parent → host. */
export type HostRequest = HostRequestOf<HostMethods>

/** The host's first message: it is listening, and which library versions it loaded. */
export interface HostReady extends HostReadyBase {
  sqliteVersion: string
}

export type { HostResponse } from '../engine-host/host-messages'
export type HostMessage = HostMessageOf<HostReady>
