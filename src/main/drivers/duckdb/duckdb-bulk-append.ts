import type { DuckDBConnection } from '@duckdb/node-api'

/** The staging table a session's import appends to: one VARCHAR column per imported column. */
export const stageName = (columns: number): string => `quarry_import_stage_${columns}`

/**
 * An import's batch, inside the host (issue 17): the rows go through DuckDB's Appender into a TEMP
 * staging table of text columns, then one `INSERT … SELECT` (given, built by main) moves them into
 * the target, where DuckDB casts each text to its column's type as it would a string literal. It
 * all runs on the session's connection, so inside the import's transaction.
 */
export async function appendBatch(
  connection: DuckDBConnection,
  insertSql: string,
  columns: number,
  rows: readonly (readonly (string | null)[])[],
): Promise<number> {
  const stage = stageName(columns)
  const list = Array.from({ length: columns }, (_, i) => `c${i} VARCHAR`).join(', ')
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (${list})`)
  const appender = await connection.createAppender(stage, 'main', 'temp')
  try {
    for (const row of rows) {
      for (let c = 0; c < columns; c++) {
        const value = row[c]
        if (value === null || value === undefined) appender.appendNull()
        else appender.appendVarchar(value)
      }
      appender.endRow()
    }
  } finally {
    appender.closeSync()
  }
  try {
    await connection.run(insertSql)
  } finally {
    // After a failed INSERT the transaction only takes ROLLBACK: the staged rows go with it.
    await connection.run(`DELETE FROM temp.main.${stage}`).catch(() => {})
  }
  return rows.length
}
