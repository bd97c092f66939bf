import type { EngineId, ExportFormat, ResultColumn, WireValue } from '../../../shared/contract'
import { jsonObject, PLACEHOLDER_TABLE } from '../../../shared/formats/copy-formats'
import { csvField, insertStatement, jsonValue } from '../../../shared/formats/value-text'

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
  /** Quoted table name for SQL INSERT; a placeholder when the source is not a table. */
  table: string | null
}

export function createFormatter(
  format: ExportFormat,
  columns: readonly ResultColumn[],
  options: FormatterOptions,
): ExportFormatter {
  const names = columns.map((column) => column.name)
  switch (format) {
    case 'csv':
      return {
        begin: () => `${names.map((name) => csvField(name)).join(',')}\r\n`,
        rows: (rows) => rows.map((row) => `${names.map((_, i) => csvField(row[i] ?? null)).join(',')}\r\n`).join(''),
        end: () => '',
      }
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
    case 'sql': {
      const table = options.table ?? PLACEHOLDER_TABLE
      return {
        begin: () => '',
        rows: (rows) => rows.map((row) => `${insertStatement(table, names, row, options.engine)}\n`).join(''),
        end: () => '',
      }
    }
  }
}

function compactObject(names: readonly string[], row: readonly WireValue[]): string {
  return `{${names.map((name, i) => `${JSON.stringify(name)}:${jsonValue(row[i] ?? null)}`).join(',')}}`
}
