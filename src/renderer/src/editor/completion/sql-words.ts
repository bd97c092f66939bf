import type { EngineId } from '../../../../shared/contract'

/** Keywords every SQL dialect here shares, offered in expression position. */
const COMMON_KEYWORDS = (
  'SELECT FROM WHERE AND OR NOT IN IS NULL LIKE BETWEEN EXISTS AS DISTINCT JOIN LEFT RIGHT INNER OUTER FULL ' +
  'CROSS ON USING GROUP BY ORDER ASC DESC HAVING LIMIT OFFSET UNION ALL INTERSECT EXCEPT INSERT INTO VALUES ' +
  'UPDATE SET DELETE CREATE TABLE VIEW INDEX DROP ALTER ADD COLUMN PRIMARY KEY FOREIGN REFERENCES DEFAULT ' +
  'CASE WHEN THEN ELSE END WITH RECURSIVE BEGIN COMMIT ROLLBACK TRUE FALSE CAST OVER PARTITION'
).split(' ')

const COMMON_FUNCTIONS = 'count sum avg min max coalesce nullif lower upper length trim replace substr round abs'.split(
  ' ',
)

/** Each dialect's own keywords and functions on top of the common ones. */
const DIALECT_WORDS: Record<EngineId, { keywords: string[]; functions: string[] }> = {
  postgres: {
    keywords: 'ILIKE RETURNING LATERAL MATERIALIZED SCHEMA EXPLAIN ANALYZE VACUUM FILTER WINDOW SIMILAR'.split(' '),
    functions: (
      'now date_trunc to_char to_date extract string_agg array_agg jsonb_build_object json_agg jsonb_agg ' +
      'generate_series row_number rank dense_rank lag lead unnest concat split_part regexp_replace ' +
      'current_date current_timestamp age greatest least pg_sleep'
    ).split(' '),
  },
  mysql: {
    keywords: 'REPLACE IGNORE DUPLICATE AUTO_INCREMENT ENGINE SHOW DATABASES TABLES STRAIGHT_JOIN REGEXP'.split(' '),
    functions: (
      'now curdate date_format str_to_date datediff concat concat_ws group_concat ifnull if json_extract ' +
      'json_object json_arrayagg row_number rank lag lead greatest least sleep unix_timestamp from_unixtime'
    ).split(' '),
  },
  sqlite: {
    keywords: 'PRAGMA ATTACH GLOB REPLACE IGNORE WITHOUT ROWID AUTOINCREMENT VACUUM'.split(' '),
    functions: (
      'date time datetime julianday strftime ifnull group_concat printf instr typeof random total ' +
      'json_extract json_object json_group_array row_number rank lag lead iif'
    ).split(' '),
  },
  mssql: {
    keywords: 'TOP GO EXEC DECLARE NVARCHAR IDENTITY OUTPUT MERGE'.split(' '),
    functions: 'getdate isnull len datepart datediff dateadd convert string_agg row_number rank newid'.split(' '),
  },
  mongodb: { keywords: [], functions: [] },
  duckdb: {
    keywords: 'ATTACH DETACH PIVOT UNPIVOT QUALIFY SUMMARIZE DESCRIBE COPY EXPLAIN ANALYZE EXCLUDE REPLACE'.split(' '),
    functions: (
      'read_csv_auto read_parquet read_json_auto list struct_pack map unnest string_agg list_agg ' +
      'date_trunc strftime epoch now regexp_matches row_number rank lag lead greatest least'
    ).split(' '),
  },
}

/** The keywords and functions completion offers for an engine. */
export function dialectWords(engine: EngineId): { keywords: string[]; functions: string[] } {
  const own = DIALECT_WORDS[engine]
  if (engine === 'mongodb') return own
  return {
    keywords: [...new Set([...COMMON_KEYWORDS, ...own.keywords])],
    functions: [...new Set([...COMMON_FUNCTIONS, ...own.functions])],
  }
}
