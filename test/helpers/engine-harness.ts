import type { ConnectionOptions, Driver, DriverConnection } from '../../src/main/drivers/driver'
import type { EngineId, WireValue } from '../../src/shared/contract'

/** A fresh database of one engine, seeded by a fixture, and how to reach it. */
export interface TestDatabase {
  options: ConnectionOptions
  /** The database name the driver reports for it. */
  name: string
  /** The schema the fixture's objects live in. */
  schema: string
}

/**
 * The statements the shared tests run, in the engine's own language (SQL, or MongoDB shell
 * commands), each described by what it must return.
 */
export interface FixtureQueries {
  /** Columns id and label of every `series` row, ordered by id. */
  seriesIdLabel: string
  /** Every column of every `series` row, ordered by id. */
  seriesAllOrdered: string
  /** Every column of every `series` row, in any order. */
  seriesAll: string
  /** One row, one column: the number of `series` rows. */
  seriesCount: string
  /** One column: the ids of the `series` rows up to 5000, ordered. */
  seriesFirst5000: string
  /** One row, one column holding the integer 1, in any database (no table needed). */
  one: string
  /** Every column of the one `vals` row. */
  vals: string
  /** A statement the engine refuses as malformed (kind syntax, with a code). */
  syntaxError: string
  /** A well-formed statement naming something that is not there or not allowed (kind syntax). */
  badQuery: string
  /** Text with no statement at all (kind invalid-input). */
  nothing: string
}

/** Engine-specific SQL for the fixtures the driver tests share. */
export interface EngineFixtures {
  /** The statements the shared tests run. */
  queries: FixtureQueries
  /** A database with one small table `t`. */
  minimal: string[]
  /**
   * The catalog of introspection.test.ts: authors (PK, unique email, defaults), books (FK with
   * actions, a partial unique index and an expression index), tags (composite PK, FK naming no
   * columns), reviews (composite FK), published_books (a view).
   */
  catalog: string[]
  /** A table `vals` with one row, and the exact wire value each of its columns must arrive as. */
  values: { setup: string[]; expected: Record<string, WireValue> }
  /** A table `series` of `rows` rows with ids 1..rows and ten columns. */
  series(rows: number): string[]
  /** A single statement that runs until cancelled, inside one engine step. */
  endless: string
  /**
   * Catalog features the engine does not have, where `catalog` uses the nearest thing instead:
   * a plain unique index for the partial one, a column for the expression key part, ON DELETE
   * CASCADE where SET NULL cannot apply to a NOT NULL key column.
   */
  lacks?: {
    partialIndexes?: boolean
    expressionIndexes?: boolean
    setNullOnKeyColumns?: boolean
    restrictAction?: boolean
    /** No ON DELETE/ON UPDATE actions at all (DuckDB): `catalog` declares none, every key reads NO ACTION. */
    referentialActions?: boolean
    /** Declared VARCHAR lengths are not kept (DuckDB): `catalog`'s VARCHAR(100) reads back as VARCHAR. */
    varcharLength?: boolean
    /** Document engines: no UPDATE, temporary tables or multi-statement SQL scripts (their tests are skipped, saying so). */
    sqlScripts?: boolean
    /** Document engines: no declared columns, keys or foreign keys (the document catalog test runs instead). */
    relationalCatalog?: boolean
  }
  /**
   * Scripts in the engine's own form where the shared SQL ones do not apply (SQL Server: GO
   * batches, #temp tables): `temporary` makes a temp table, inserts 3 rows and selects twice;
   * `failing` creates `kept`, inserts 7, fails with a syntax error, and would insert 8.
   */
  scripts?: { temporary: string; failing: string }
  /**
   * Document engines: what introspection infers for `catalog`'s collection `table`: its field paths
   * with the types seen, its index names, and a pattern its validator text matches.
   */
  documentCatalog?: {
    table: string
    fields: Record<string, string[]>
    indexes: string[]
    validator: RegExp
  }
}

/** Why a shared test does not apply to an engine, printed once per skipped test. */
export function notRunBecause(engine: EngineId, test: string, reason: string): void {
  console.log(`[${engine}] NOT RUN: ${test}: ${reason}`)
}

/** What the per-feature driver tests need from one engine. */
export interface EngineHarness {
  readonly engine: EngineId
  readonly fixtures: EngineFixtures
  driver(): Driver
  /** Creates a fresh database seeded with `statements`. */
  createDatabase(label: string, statements: readonly string[]): Promise<TestDatabase>
  /** Connection options that must fail with a `connection` error, by what is wrong with them. */
  unreachable(): Promise<Record<string, ConnectionOptions>>
  /** Rows the engine has read for this connection's queries so far, counted engine-side. */
  rowsProduced(connection: DriverConnection): Promise<number>
  /** Kills the engine session of the running query from outside the driver (a crash). */
  killRunningQuery(connection: DriverConnection): Promise<void>
  /**
   * Operations of this connection's queries the engine is still running, from its own activity
   * view (currentOp, pg_stat_activity…): 0 right after a cancel. Optional: engines whose cancel is
   * already proven otherwise leave it out.
   */
  runningOnServer?(connection: DriverConnection): Promise<number>
  /** Removes what createDatabase made. */
  cleanup(): Promise<void>
}
