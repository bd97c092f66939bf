import {
  DEFAULT_CSV_OPTIONS,
  DEFAULT_SQL_OPTIONS,
  type CsvOptions,
  type EngineId,
  type ExportFormat,
  type ResultColumn,
  type SqlOptions,
  type WireValue,
} from '../../../shared/contract'
import { insertTableName, insertTargetOf } from '../../../shared/dialect/insert-target'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { jsonObject, PLACEHOLDER_TABLE } from '../../../shared/formats/copy-formats'
import { jsonValue, sqlLiteral } from '../../../shared/formats/value-text'
import { csvWriter, UTF8_BOM } from './csv-writer'

/**
 * Turns a result into file text, piece by piece: what goes before the rows, each batch of rows,
 * and what closes the file. Pure (no I/O), so every format is tested on strings.
 */
export interface ExportFormatter {
  begin(): string
  rows(rows: readonly (readonly WireValue[])[]): string
  end(): string
}

export interface FormatterOptions {
  engine: EngineId
  /**
   * Quoted table name for SQL INSERT (a table's Data view, or a name the user typed); null: the
   * table the result's columns come from (their origins), else a placeholder.
   */
  table: string | null
  csv?: CsvOptions
  sql?: SqlOptions
}

/** The formats written as text (XLSX is a zipped workbook: see xlsx-book). */
export type TextExportFormat = Exclude<ExportFormat, 'xlsx'>

export function createFormatter(
  format: TextExportFormat,
  columns: readonly ResultColumn[],
  options: FormatterOptions,
): ExportFormatter {
  const names = columns.map((column) => column.name)
  switch (format) {
    case 'csv':
      return csvFormatter(names, options.csv ?? DEFAULT_CSV_OPTIONS)
    case 'ndjson':
      return {
        begin: () => '',
        rows: (rows) => rows.map((row) => `${compactObject(names, row)}\n`).join(''),
        end: () => '',
      }
    case 'json': {
      let first = true
      return {
        begin: () => '[',
        rows: (rows) =>
          rows
            .map((row) => {
              const separator = first ? '\n' : ',\n'
              first = false
              return `${separator}  ${jsonObject(names, row)}`
            })
            .join(''),
        end: () => (first ? ']\n' : '\n]\n'),
      }
    }
    case 'sql':
      return insertFormatter(columns, options)
  }
}

function csvFormatter(names: readonly string[], options: CsvOptions): ExportFormatter {
  const { field, eol } = csvWriter(options)
  const line = (values: readonly (WireValue | string)[]) => `${values.map(field).join(options.delimiter)}${eol}`
  return {
    begin: () => (options.bom ? UTF8_BOM : '') + (options.header ? line(names) : ''),
    rows: (rows) => rows.map((row) => line(names.map((_, i) => row[i] ?? null))).join(''),
    end: () => '',
  }
}

/**
 * INSERT statements of up to `rowsPerInsert` rows each (one VALUES list), across batches: a
 * statement left open by one batch goes on in the next and `end` closes it.
 */
function insertFormatter(columns: readonly ResultColumn[], options: FormatterOptions): ExportFormatter {
  const { engine } = options
  const origin = options.table === null ? insertTargetOf(columns) : null
  const table = options.table ?? (origin ? insertTableName(engine, origin) : PLACEHOLDER_TABLE)
  const targetColumns = origin?.columns ?? columns.map((column) => column.name)
  const head = `INSERT INTO ${table} (${targetColumns.map((name) => quoteIdentifier(engine, name)).join(', ')}) VALUES`
  const perStatement = (options.sql ?? DEFAULT_SQL_OPTIONS).rowsPerInsert
  let open = 0
  const tuple = (row: readonly WireValue[]) =>
    `(${columns.map((_, i) => sqlLiteral(row[i] ?? null, engine)).join(', ')})`
  return {
    begin: () => '',
    rows: (rows) =>
      rows
        .map((row) => {
          let text = perStatement === 1 ? `${head} ` : open === 0 ? `${head}\n  ` : ',\n  '
          text += tuple(row)
          open++
          if (open === perStatement) {
            open = 0
            text += ';\n'
          }
          return text
        })
        .join(''),
    end: () => {
      const close = open > 0 ? ';\n' : ''
      open = 0
      return close
    },
  }
}

function compactObject(names: readonly string[], row: readonly WireValue[]): string {
  return `{${names.map((name, i) => `${JSON.stringify(name)}:${jsonValue(row[i] ?? null)}`).join(',')}}`
}
