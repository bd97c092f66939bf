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

/** Engine-specific SQL for the fixtures the driver tests share. */
export interface EngineFixtures {
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
  }
  /**
   * Scripts in the engine's own form where the shared SQL ones do not apply (SQL Server: GO
   * batches, #temp tables): `temporary` makes a temp table, inserts 3 rows and selects twice;
   * `failing` creates `kept`, inserts 7, fails with a syntax error, and would insert 8.
   */
  scripts?: { temporary: string; failing: string }
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
  /** Removes what createDatabase made. */
  cleanup(): Promise<void>
}
