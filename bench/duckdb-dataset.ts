import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type { EngineTarget } from './datasets'
import { DUCKDB_EVENTS, eventsRows } from './events-dataset'

/** The 10-column `big` table, as in the other engines (see datasets.ts). */
const DUCKDB_BIG = (rows: number) => `
  CREATE TABLE big (id BIGINT PRIMARY KEY, big BIGINT NOT NULL, qty INTEGER NOT NULL, amount DECIMAL(12, 2) NOT NULL,
    label VARCHAR NOT NULL, "at" TIMESTAMPTZ NOT NULL, flag BOOLEAN NOT NULL, note VARCHAR, day DATE NOT NULL,
    ratio DOUBLE NOT NULL);
  INSERT INTO big SELECT g, 9007199254740993 + g, g % 1000, CAST(g % 100000 AS DECIMAL(12, 2)) / 100,
    'row ' || g || repeat('x', CAST(g % 40 AS INTEGER)), TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(g), g % 3 = 0,
    CASE WHEN g % 7 = 0 THEN NULL ELSE 'note ' || (g * 7919 % 100003) END,
    DATE '2024-01-01' + CAST(g % 3650 AS INTEGER), g / 7
  FROM range(1, ${rows + 1}) AS t(g);`

/** Tables in schema `wide`, created in one transaction. */
const wideTables = (count: number): string =>
  [
    'CREATE SCHEMA wide;',
    'BEGIN;',
    ...Array.from({ length: count }, (_, i) => `CREATE TABLE wide.t${String(i + 1).padStart(5, '0')} (id INTEGER);`),
    'COMMIT;',
  ].join('\n')

/**
 * Creates bench.duckdb with `big`, `events` and schema `wide` (the 10,000 tables), in `dir`. The
 * file is closed before anything else opens it: every later reader (the app included) opens it
 * read-only, which DuckDB allows from several processes at once.
 */
export async function seedDuckdb(dir: string, rows: number, wideCount: number): Promise<EngineTarget> {
  const file = join(dir, 'bench.duckdb')
  const instance = await DuckDBInstance.create(file)
  try {
    const db = await instance.connect()
    try {
      for (const sql of [DUCKDB_BIG(rows), DUCKDB_EVENTS(eventsRows(rows)), wideTables(wideCount), 'CHECKPOINT'])
        await db.run(sql)
    } finally {
      db.closeSync()
    }
  } finally {
    instance.closeSync()
  }
  const options = { engine: 'duckdb', file, readOnly: true } as const
  return { engine: 'duckdb', url: file, options, wideOptions: options, wideSchema: 'wide', openSchema: 'main' }
}
