import type { FixtureQueries } from './engine-harness'

/** The shared tests' statements in SQL every SQL engine here runs as written. */
export const SQL_QUERIES: FixtureQueries = {
  seriesIdLabel: 'SELECT id, label FROM series ORDER BY id',
  seriesAllOrdered: 'SELECT * FROM series ORDER BY id',
  seriesAll: 'SELECT * FROM series',
  seriesCount: 'SELECT count(*) FROM series',
  seriesFirst5000: 'SELECT id FROM series WHERE id <= 5000 ORDER BY id',
  one: 'SELECT 1 AS one',
  vals: 'SELECT * FROM vals',
  syntaxError: 'SELEKT 1',
  badQuery: 'SELECT * FROM no_such_table',
  nothing: '  ;  -- only a comment',
}

/** The minimal database: one table `t`. */
export const SQL_MINIMAL = ['CREATE TABLE t (x INTEGER)']
