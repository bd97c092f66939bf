import Database from 'better-sqlite3'
import { catalogCells } from '../engine-host/catalog-cells'
// The contract's modules are imported directly: its index pulls in zod, which a host never needs.
import { QuarryFailure, WRITE_REFUSED_CODE } from '../../../shared/contract/errors'
import { databaseNameOf } from './sqlite-dialect'
import { sqliteFailure, toQuarryError } from './sqlite-errors'
import { SqliteIntrospector } from './sqlite-introspector'
import type {
  HostMethod,
  HostParams,
  HostMethods,
  HostResult,
  HostRequest,
  HostResponse,
  OpenParams,
  QueryBatch,
  QueryOpened,
} from './sqlite-protocol'
import { RowBatchWriter } from '../../../shared/contract/row-batch-writer'
import { writeRow } from './sqlite-values'
import { nativeBindingOptions } from './native-binding'
import { HostFileRecords } from './sqlite-file-records'
import { RowConverter } from '../../services/import/row-convert'
import { INVALID } from '../../services/import/value-convert'

/** A statement refused because SQLite says it writes: under safe mode's guard, or on a read-only connection. */
const refusedWrite = (guard: boolean) =>
  guard
    ? new QuarryFailure({
        kind: 'permission',
        code: WRITE_REFUSED_CODE,
        engine: 'sqlite',
        message: 'SQLite says this statement writes, so in read-only mode it was not run and nothing was changed',
      })
    : sqliteFailure(
        'permission',
        'The connection is read-only: SQLite says this statement writes, so it was not run',
        'SQLITE_READONLY',
      )

type Handlers = { [M in HostMethod]: (params: HostMethods[M]['params']) => HostMethods[M]['result'] }

/** Records of an import's file converted and written at a time. */
const FILE_ROWS_AT_ONCE = 500

/** Words of a compound SELECT. */
const COMPOUND = /\b(?:union|intersect|except)\b/i

/**
 * The host's one SQLite connection and the cursor it keeps open between pulls. Synchronous by
 * nature (better-sqlite3), which is why it only ever runs inside a host process.
 */
export class SqliteSession {
  private db: Database.Database | null = null
  private introspector: SqliteIntrospector | null = null
  private cursor: IterableIterator<unknown[]> | null = null
  /** The open query's batch writer (its buffers are reused from batch to batch). */
  private writer = new RowBatchWriter(0)
  private rowsRead = 0
  /** The import's prepared INSERT, kept while batches with the same text keep coming. */
  private bulkStatements: { sql: string; statement: Database.Statement }[] = []
  /** The import's file being read by this host, with its INSERTs (a direct load). */
  private fileLoad: {
    records: HostFileRecords
    converter: RowConverter
    insert: Omit<HostParams<'bulk.insert'>, 'rows'>
    row: number
  } | null = null
  private readOnly = false

  private readonly handlers: Handlers = {
    open: (p) => this.open(p),
    ping: () => {
      this.database().prepare('SELECT 1').get()
      return null
    },
    version: () => this.database().prepare('SELECT sqlite_version()').pluck().get() as string,
    stats: () => ({ pid: process.pid, rowsRead: this.rowsRead, cursorOpen: this.cursor !== null }),
    'meta.databases': () => this.catalog().databases(),
    'meta.schemas': (p) => this.catalog().schemas(p.database),
    'meta.tables': (p) => this.catalog().tables(p.database, p.schema),
    'meta.tableSchema': (p) => this.catalog().tableSchema(p.database, p.schema, p.table),
    'meta.catalogRows': (p) => {
      const statement = this.database().prepare(p.sql)
      if (!statement.readonly) throw sqliteFailure('invalid-input', 'A catalog statement must only read')
      return catalogCells(statement.raw(true).all(...p.params) as unknown[][])
    },
    'query.open': (p) => this.openQuery(p.sql, p.guard, p.params ?? []),
    'query.next': (p) => this.next(p.size),
    'query.close': () => {
      this.closeCursor()
      return null
    },
    'session.inTransaction': () => this.database().inTransaction,
    'bulk.insert': (p) => this.bulkInsert(p),
    'bulk.fileOpen': ({ file, delimiter, nullMarkers, columns, facts, ...insert }) => {
      this.closeFile()
      const records = new HostFileRecords(file, delimiter, nullMarkers)
      this.fileLoad = { records, converter: new RowConverter(columns, facts), insert, row: 0 }
      return null
    },
    'bulk.fileNext': (p) => this.fileNext(p.rows),
  }

  /** Runs one request; every failure becomes an error value. */
  dispatch(request: HostRequest): HostResponse {
    try {
      // The mapped Handlers type ties each method to its params; indexing by a union loses that link.
      const handler = this.handlers[request.method] as (params: unknown) => unknown
      return { type: 'response', id: request.id, ok: true, value: handler(request.params) }
    } catch (thrown) {
      return { type: 'response', id: request.id, ok: false, error: toQuarryError(thrown) }
    }
  }

  close(): void {
    this.closeFile()
    this.closeCursor()
    this.bulkStatements = []
    this.db?.close()
    this.db = null
  }

  private open({ file, readOnly, mustExist }: OpenParams): null {
    if (this.db) throw sqliteFailure('internal', 'This host already has a database open')
    try {
      const db = new Database(file, { readonly: readOnly, fileMustExist: mustExist, ...nativeBindingOptions() })
      try {
        // Opening is lazy in SQLite: reading the schema is what reveals a file that is not a database.
        db.prepare('SELECT count(*) FROM sqlite_schema').get()
      } catch (error) {
        db.close()
        throw error
      }
      this.db = db
      this.readOnly = readOnly
      this.introspector = new SqliteIntrospector(db, file, databaseNameOf(file))
      return null
    } catch (thrown) {
      const cause = toQuarryError(thrown)
      throw sqliteFailure('connection', `Cannot open "${file}": ${cause.message}`, cause.code)
    }
  }

  private openQuery(sql: string, guard: boolean, params: string[]): QueryOpened {
    this.closeCursor()
    const statement = this.database().prepare(sql)
    // SQLite's own answer, before any step. A read-only file still lets `VACUUM INTO` write a new
    // file and TEMP objects be made: those are writes here too.
    if (!statement.readonly && (guard || this.readOnly)) throw refusedWrite(guard)
    if (!statement.reader) return { reader: false, columns: [], affectedRows: statement.run(...params).changes }
    statement.raw(true)
    statement.safeIntegers(true)
    // The table column each result column reads (null for expressions): known when the statement
    // is prepared, so it costs nothing per row. A compound SELECT reports its first SELECT's
    // columns for the rows of every part: no origins then (nor, harmlessly, for the words in a
    // subquery, a string or a comment: the result is only read-only).
    const compound = COMPOUND.test(sql)
    const columns = statement.columns().map((c) => ({
      name: c.name,
      type: c.type,
      ...(c.table !== null && c.column !== null && !compound
        ? { origin: { schema: c.database, table: c.table, column: c.column } }
        : {}),
    }))
    // iterate() steps nothing until next(): rows are read only when the parent pulls.
    this.cursor = statement.iterate(...params) as IterableIterator<unknown[]>
    this.writer = new RowBatchWriter(columns.length)
    return { reader: true, columns }
  }

  private bulkInsert({ sql, tuple, group, rows }: HostParams<'bulk.insert'>): number {
    const one = this.bulkPrepared(sql + tuple)
    const width = rows[0]?.length ?? 0
    let at = 0
    if (group > 1 && rows.length >= group) {
      // Several rows per statement: a third of the per-row cost of one prepared INSERT per row.
      const many = this.bulkPrepared(sql + Array<string>(group).fill(tuple).join(', '))
      const values = new Array<string | null>(group * width)
      for (; at + group <= rows.length; at += group) {
        for (let r = 0; r < group; r++) {
          const row = rows[at + r]!
          for (let c = 0; c < width; c++) values[r * width + c] = row[c] ?? null
        }
        many.run(values)
      }
    }
    for (; at < rows.length; at++) one.run(rows[at])
    return rows.length
  }

  /** Reads and writes the next records of the import's file; closes it at its end or on a failure. */
  private fileNext(max: number): HostResult<'bulk.fileNext'> {
    const load = this.fileLoad
    if (!load) throw sqliteFailure('internal', 'No import file is open in this host')
    try {
      let written = 0
      let done = false
      // A few hundred records at a time: they die young (10,000 held at once cost 3× the CPU in GC).
      while (written < max && !done) {
        const records = load.records.take(Math.min(FILE_ROWS_AT_ONCE, max - written))
        const rows = records.map((record) => {
          load.row++
          const row = load.converter.convert(record)
          if (row === INVALID) throw sqliteFailure('invalid-input', `row ${load.row}: ${load.converter.reason}`)
          return row
        })
        if (rows.length > 0) this.bulkInsert({ ...load.insert, rows })
        written += rows.length
        done = load.records.ended
      }
      if (done) this.closeFile()
      return { rows: written, bytes: load.records.bytes, done }
    } catch (thrown) {
      this.closeFile()
      throw thrown
    }
  }

  private closeFile(): void {
    this.fileLoad?.records.close()
    this.fileLoad = null
  }

  /** A bulk INSERT prepared once per import (the last two texts are kept). */
  private bulkPrepared(sql: string): Database.Statement {
    const found = this.bulkStatements.find((s) => s.sql === sql)
    if (found) return found.statement
    const statement = this.database().prepare(sql)
    if (this.readOnly) throw refusedWrite(false)
    this.bulkStatements = [{ sql, statement }, ...this.bulkStatements.slice(0, 1)]
    return statement
  }

  private next(size: number): QueryBatch {
    const cursor = this.cursor
    if (!cursor) throw sqliteFailure('internal', 'No query is open on this host')
    const writer = this.writer
    let done = false
    try {
      while (writer.rowCount < size) {
        const step = cursor.next()
        if (step.done) {
          done = true
          break
        }
        writeRow(writer, step.value)
      }
    } catch (error) {
      this.rowsRead += writer.rowCount
      writer.clear()
      this.closeCursor()
      throw error
    }
    const count = writer.rowCount
    this.rowsRead += count
    if (done) this.cursor = null
    return { rows: writer.finish(), count, done }
  }

  private closeCursor(): void {
    const cursor = this.cursor
    this.cursor = null
    cursor?.return?.()
  }

  private database(): Database.Database {
    if (!this.db) throw sqliteFailure('internal', 'No database is open on this host')
    return this.db
  }

  private catalog(): SqliteIntrospector {
    if (!this.introspector) throw sqliteFailure('internal', 'No database is open on this host')
    return this.introspector
  }
}
