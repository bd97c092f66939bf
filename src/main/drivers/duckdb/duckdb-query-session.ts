import { DuckDBTypeId, ResultReturnType, StatementType } from '@duckdb/node-api'
import type {
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBPreparedStatement,
  DuckDBResult,
  DuckDBType,
} from '@duckdb/node-api'
import { QuarryFailure } from '../../../shared/contract/errors'
import { cancelledError, duckdbFailure } from './duckdb-errors'
import type { QueryBatch, QueryOpened } from './duckdb-protocol'
import { quoteIdentifier } from './duckdb-target'
import { ColumnarBatchWriter } from '../../../shared/contract/row-batch-columnar-writer'
import type { ColumnReader } from './duckdb-column-reader'
import { chunkReaders } from './duckdb-values'
import type { CatalogEpoch } from './duckdb-catalog-epoch'

/** Rows read and delivered by a host, shared by its sessions. */
export interface RowCounters {
  rowsFetched: number
  rowsDelivered: number
}

/** Statements that answer with rows: their columns are known once prepared, before they run. */
const ROW_STATEMENTS = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN])

/**
 * One script's session inside the host: its own DuckDB connection (so a script's statements share
 * temp tables and transactions), the stream of the statement being read, and the rows of the last
 * chunk not yet handed out. DuckDB computes the next chunk only when `next` asks for rows.
 */
export class QuerySession {
  private readonly connection: Promise<DuckDBConnection>
  private prepared: DuckDBPreparedStatement | null = null
  private result: DuckDBResult | null = null
  private types: DuckDBType[] = []
  /**
   * Fetched chunks not yet handed out (a reader per column) and the next row of the first. The
   * chunk is held too: its readers read DuckDB's memory, which lives as long as the chunk.
   */
  private buffered: { chunk: DuckDBDataChunk; readers: ColumnReader[]; rows: number }[] = []
  private bufferedRow = 0
  private bufferedRows = 0
  private writer = new ColumnarBatchWriter(0)
  private formatter: Promise<DuckDBConnection> | null = null
  /** The TimeZone the formatter connection prints in (set to the session's before a cast). */
  private formatterZone: string | null = null
  /** The session's TimeZone setting when the open statement started (TIMESTAMPTZ text depends on it). */
  private zone: string | null = null
  private databaseChosen = false
  private interrupted = false
  /** The open stream is a statement that may change the catalog (a CALL): its end is a change too. */
  private changing = false

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly counters: RowCounters,
    private readonly epoch: CatalogEpoch,
  ) {
    this.connection = instance.connect()
  }

  /**
   * Prepares one statement. A SELECT or EXPLAIN answers with its columns at once and runs on the
   * first `next` (a long aggregate shows its columns while it computes); other statements run now.
   */
  async open(sql: string, database: string | undefined, params: readonly string[] = []): Promise<QueryOpened> {
    this.dropStatement()
    const connection = await this.live()
    if (database !== undefined && !this.databaseChosen) {
      this.databaseChosen = true
      await connection.run(`USE ${quoteIdentifier(database)}`)
    }
    const prepared = await connection.prepare(sql)
    // Values of `?` placeholders, as text: DuckDB casts each as it would a string literal.
    params.forEach((value, i) => prepared.bindVarchar(i + 1, value))
    if (ROW_STATEMENTS.has(prepared.statementType)) {
      // EXPLAIN ANALYZE runs what it explains (a CREATE TABLE … AS too): any EXPLAIN counts, as only
      // a SELECT is sure to only read.
      if (prepared.statementType !== StatementType.SELECT) {
        this.epoch.change()
        this.changing = true
      }
      this.prepared = prepared
      this.types = Array.from({ length: prepared.columnCount }, (_, i) => prepared.columnType(i))
      this.zone = this.types.some((type) => type.typeId === DuckDBTypeId.TIMESTAMP_TZ)
        ? await this.sessionZone(connection)
        : null
      const columns = this.types.map((type, i) => ({ name: prepared.columnName(i), type: type.toString() }))
      return { reader: true, columns }
    }
    // Its rows (if any) are only known once it ran, when the connection is busy streaming them.
    this.zone = await this.sessionZone(connection)
    // Anything but a read may change the catalog: marked before it runs, and once it has ended.
    this.epoch.change()
    const result = await this.settle(prepared.stream()).catch((error: unknown) => {
      this.epoch.change()
      throw error
    })
    prepared.destroySync()
    if (result.returnType === ResultReturnType.QUERY_RESULT) {
      this.changing = true
      this.result = result
      this.types = result.columnTypes()
      return {
        reader: true,
        columns: this.types.map((type, i) => ({ name: result.columnName(i), type: type.toString() })),
      }
    }
    this.epoch.change()
    const affectedRows = result.returnType === ResultReturnType.CHANGED_ROWS ? result.rowsChanged : 0
    return { reader: false, columns: [], affectedRows }
  }

  /** An import's batch: its INSERT … SELECT from read_csv of `file` (see duckdb-bulk-writer); answers the rows written. */
  async bulkLoad(insertSql: string, file: string, params: readonly string[] = []): Promise<number> {
    this.dropStatement()
    const connection = await this.live()
    const result = await this.epoch.around(() => connection.run(insertSql, [file, ...params]))
    return Number(result.rowsChanged)
  }

  async next(size: number): Promise<QueryBatch> {
    if (this.prepared) {
      const prepared = this.prepared
      this.prepared = null
      this.result = await this.settle(prepared.stream()).finally(() => prepared.destroySync())
    }
    const result = this.result
    if (!result) throw duckdbFailure('internal', 'No query is open in this session')
    let done = false
    while (this.bufferedRows < size) {
      const chunk = await this.settle(result.fetchChunk())
      if (!chunk || chunk.rowCount === 0) {
        done = true
        break
      }
      this.counters.rowsFetched += chunk.rowCount
      const readers = await chunkReaders(chunk, this.types, (zone) => this.formatterConnection(zone), this.zone)
      this.buffered.push({ chunk, readers, rows: chunk.rowCount })
      this.bufferedRows += chunk.rowCount
    }
    const count = this.writeRows(Math.min(size, this.bufferedRows))
    this.counters.rowsDelivered += count
    done &&= this.bufferedRows === 0
    if (done) this.endStream()
    return { rows: this.writer.finish(count), count, done }
  }

  /** Moves `count` buffered rows into the batch writer, column by column, chunk by chunk. */
  private writeRows(count: number): number {
    if (this.writer.columnCount !== this.types.length) this.writer = new ColumnarBatchWriter(this.types.length)
    const writer = this.writer
    for (let written = 0; written < count;) {
      const { readers, rows } = this.buffered[0]!
      const end = Math.min(rows, this.bufferedRow + count - written)
      for (let column = 0; column < readers.length; column++)
        readers[column]!(writer.column(column), this.bufferedRow, end)
      written += end - this.bufferedRow
      this.bufferedRow = end
      if (end === rows) {
        this.buffered.shift()
        this.bufferedRow = 0
      }
    }
    this.bufferedRows -= count
    return count
  }

  /**
   * Whether a transaction is open: in autocommit mode each statement is a transaction of its own,
   * so two reads of txid_current() differ; inside BEGIN … they are the same. An aborted
   * transaction refuses every statement but ROLLBACK.
   */
  async transaction(): Promise<'idle' | 'open' | 'failed'> {
    const connection = await this.live()
    const txid = async () => (await connection.runAndReadAll('SELECT txid_current()')).getRows()[0]?.[0]
    try {
      return (await txid()) === (await txid()) ? 'open' : 'idle'
    } catch (error) {
      if (/transaction is aborted|ROLLBACK/i.test(error instanceof Error ? error.message : '')) return 'failed'
      throw error
    }
  }

  /** Stops the running statement in DuckDB (its pending call fails with INTERRUPT) and any later one. */
  interrupt(): void {
    this.interrupted = true
    void this.connection.then((connection) => connection.interrupt()).catch(() => {})
  }

  /** Drops the stream and both connections (an interrupted connection is never reused). */
  close(): void {
    this.dropStatement()
    void this.connection.then((connection) => connection.closeSync()).catch(() => {})
    void this.formatter?.then((connection) => connection.closeSync()).catch(() => {})
  }

  /** The open stream ended or was dropped: a statement that may change the catalog has now ended. */
  private endStream(): void {
    this.result = null
    if (this.changing) this.epoch.change()
    this.changing = false
  }

  private dropStatement(): void {
    this.prepared?.destroySync()
    this.prepared = null
    this.endStream()
    this.buffered = []
    this.writer.clear()
    this.bufferedRow = 0
    this.bufferedRows = 0
  }

  private async live(): Promise<DuckDBConnection> {
    if (this.interrupted) throw new QuarryFailure(cancelledError())
    return this.connection
  }

  /** DuckDB work, failing as cancelled if the session was interrupted meanwhile (the work may have won). */
  private async settle<T>(work: Promise<T>): Promise<T> {
    const value = await work
    if (this.interrupted) throw new QuarryFailure(cancelledError())
    return value
  }

  /** The session's TimeZone now (a setting of this connection: `SET TimeZone` in a tab changes it). */
  private async sessionZone(connection: DuckDBConnection): Promise<string | null> {
    try {
      const value = (await connection.runAndReadAll("SELECT current_setting('TimeZone')")).getRows()[0]?.[0]
      return typeof value === 'string' ? value : null
    } catch {
      // An aborted transaction refuses it (the user's ROLLBACK must still run): casts then keep
      // the formatter's zone as it was.
      return null
    }
  }

  /**
   * A second connection for the VARCHAR casts of nested values and TIMESTAMPTZ (this one is busy
   * streaming), printing in the session's TimeZone `zone`: settings are per connection.
   */
  private async formatterConnection(zone: string | null): Promise<DuckDBConnection> {
    this.formatter ??= this.instance.connect()
    const formatter = await this.formatter
    if (zone !== null && zone !== this.formatterZone) {
      await formatter.run(`SET TimeZone = '${zone.replaceAll("'", "''")}'`)
      this.formatterZone = zone
    }
    return formatter
  }
}
