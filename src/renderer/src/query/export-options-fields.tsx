import {
  MAX_NULL_TEXT,
  MAX_ROWS_PER_INSERT,
  type CsvOptions,
  type ExportFormat,
  type SqlOptions,
} from '../../../shared/contract'
import { PLACEHOLDER_TABLE } from '../../../shared/formats/copy-formats'
import { TID } from '../test-ids'

const DELIMITERS: { value: string; label: string }[] = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
]

/** The CSV options row: delimiter, quote, header, NULL text, line ending, BOM. */
export function CsvOptionsFields(props: {
  value: CsvOptions
  disabled: boolean
  onChange: (patch: Partial<CsvOptions>) => void
}) {
  const { value, disabled, onChange } = props
  return (
    <div className="export-options" data-testid={TID.exportCsvOptions}>
      <label>
        Delimiter{' '}
        <select
          data-testid={TID.exportDelimiter}
          value={value.delimiter}
          disabled={disabled}
          onChange={(e) => onChange({ delimiter: e.target.value })}
        >
          {DELIMITERS.map((d) => (
            <option key={d.label} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Quote{' '}
        <select
          data-testid={TID.exportQuote}
          value={value.quote}
          disabled={disabled}
          onChange={(e) => onChange({ quote: e.target.value })}
        >
          <option value={'"'}>Double "</option>
          <option value={"'"}>Single &apos;</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          data-testid={TID.exportHeader}
          checked={value.header}
          disabled={disabled}
          onChange={(e) => onChange({ header: e.target.checked })}
        />{' '}
        Header row
      </label>
      <label title="What a NULL is written as; a value that reads the same is quoted, and '' is always a quoted empty field">
        NULL as{' '}
        <input
          className="export-null-text"
          data-testid={TID.exportNullText}
          value={value.nullText}
          placeholder="(empty)"
          maxLength={MAX_NULL_TEXT}
          disabled={disabled}
          onChange={(e) => onChange({ nullText: e.target.value })}
        />
      </label>
      <label>
        Line ending{' '}
        <select
          data-testid={TID.exportLineEnding}
          value={value.lineEnding}
          disabled={disabled}
          onChange={(e) => onChange({ lineEnding: e.target.value as CsvOptions['lineEnding'] })}
        >
          <option value="crlf">CRLF (Windows, RFC 4180)</option>
          <option value="lf">LF (Unix)</option>
        </select>
      </label>
      <label title="UTF-8 with a byte order mark, which Excel needs to read accents correctly">
        <input
          type="checkbox"
          data-testid={TID.exportBom}
          checked={value.bom}
          disabled={disabled}
          onChange={(e) => onChange({ bom: e.target.checked })}
        />{' '}
        UTF-8 BOM (Excel)
      </label>
    </div>
  )
}

/** The SQL INSERT options row: the table the statements name (or why a placeholder) and rows per statement. */
export function SqlOptionsFields(props: {
  value: SqlOptions
  /** Quoted table name, or null when unknown. */
  table: string | null
  /** Every result of a script is exported: each names its own table. */
  perResult: boolean
  disabled: boolean
  onChange: (patch: Partial<SqlOptions>) => void
}) {
  const { value, table, perResult, disabled, onChange } = props
  return (
    <div className="export-options" data-testid={TID.exportSqlOptions}>
      <span className="export-table" data-testid={TID.exportTable} data-known={table !== null}>
        {perResult ? (
          <>
            Each result names the table its columns come from (else <code>{PLACEHOLDER_TABLE}</code>)
          </>
        ) : table === null ? (
          <>
            Source table unknown (an expression, a join, or the engine does not say): statements name{' '}
            <code>{PLACEHOLDER_TABLE}</code>
          </>
        ) : (
          <>
            INSERT INTO <code>{table}</code>
          </>
        )}
      </span>
      <label>
        Rows per INSERT{' '}
        <input
          type="number"
          className="export-rows-per-insert"
          data-testid={TID.exportRowsPerInsert}
          min={1}
          max={MAX_ROWS_PER_INSERT}
          value={value.rowsPerInsert}
          disabled={disabled}
          onChange={(e) => {
            const n = Math.trunc(Number(e.target.value))
            if (Number.isFinite(n)) onChange({ rowsPerInsert: Math.min(MAX_ROWS_PER_INSERT, Math.max(1, n)) })
          }}
        />
      </label>
    </div>
  )
}

/** What an XLSX export does with values Excel cannot hold exactly. */
export function XlsxNote({ perResult }: { perResult: boolean }) {
  return (
    <div className="export-options export-note" data-testid={TID.exportXlsxNote}>
      <span>
        {perResult ? 'One workbook, a sheet per result. ' : ''}Excel keeps numbers as doubles: integers beyond 2⁵³ and
        decimals are written as text, digit for digit. Dates and timestamps become Excel dates only when exact (no zone,
        at most milliseconds), else text; binary is hex text; NULL an empty cell.
      </span>
    </div>
  )
}

/** Whether a format has options to show. */
export const hasOptions = (format: ExportFormat): boolean => format === 'csv' || format === 'sql' || format === 'xlsx'
