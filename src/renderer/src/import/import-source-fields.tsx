import type { ImportFormat } from '../../../shared/contract'
import { TID } from '../test-ids'

/** How the file is read, as the dialog's fields hold it. */
export interface SourceFields {
  format: ImportFormat
  /** '' : detected. */
  delimiter: string
  emptyIsNull: boolean
  /** Other values read as NULL, separated by spaces. */
  nullWords: string
  sheet: string
}

export const DEFAULT_SOURCE_FIELDS: SourceFields = {
  format: 'delimited',
  delimiter: '',
  emptyIsNull: true,
  nullWords: 'NULL \\N',
  sheet: '',
}

/** The format a file's name suggests. */
export function formatOfName(name: string): ImportFormat {
  const ext = name.toLowerCase().replace(/^.*\./, '')
  return ext === 'xlsx' ? 'xlsx' : ext === 'ndjson' || ext === 'jsonl' ? 'ndjson' : 'delimited'
}

/** The source options of an analysis or a run, from the fields. */
export function sourceOf(fields: SourceFields) {
  const words = fields.nullWords.split(/\s+/).filter(Boolean)
  return {
    format: fields.format,
    delimiter: fields.format === 'delimited' && fields.delimiter ? fields.delimiter : null,
    nullMarkers: [...(fields.emptyIsNull ? [''] : []), ...words].slice(0, 16),
    ...(fields.format === 'xlsx' && fields.sheet.trim() ? { sheet: fields.sheet.trim() } : {}),
  }
}

/** Format, delimiter, NULL markers, encoding (UTF-8) and, for a workbook, the sheet. */
export function SourceFieldsView(props: {
  value: SourceFields
  disabled: boolean
  onChange: (patch: Partial<SourceFields>) => void
}) {
  const { value, disabled, onChange } = props
  return (
    <div className="import-source">
      <label>
        Format{' '}
        <select
          data-testid={TID.importFormat}
          value={value.format}
          disabled={disabled}
          onChange={(e) => onChange({ format: e.target.value as ImportFormat })}
        >
          <option value="delimited">CSV / TSV</option>
          <option value="ndjson">NDJSON</option>
          <option value="xlsx">Excel (XLSX)</option>
        </select>
      </label>
      {value.format === 'delimited' ? (
        <label>
          Delimiter{' '}
          <select
            data-testid={TID.importDelimiter}
            value={value.delimiter}
            disabled={disabled}
            onChange={(e) => onChange({ delimiter: e.target.value })}
          >
            <option value="">Detect</option>
            <option value=",">Comma ,</option>
            <option value=";">Semicolon ;</option>
            <option value={'\t'}>Tab</option>
            <option value="|">Pipe |</option>
          </select>
        </label>
      ) : null}
      {value.format === 'xlsx' ? (
        <label>
          Sheet{' '}
          <input
            data-testid={TID.importSheet}
            placeholder="first"
            size={10}
            value={value.sheet}
            disabled={disabled}
            onChange={(e) => onChange({ sheet: e.target.value })}
          />
        </label>
      ) : null}
      <label title='An empty, unquoted field is read as NULL (a quoted "" stays an empty string)'>
        <input
          type="checkbox"
          checked={value.emptyIsNull}
          disabled={disabled}
          onChange={(e) => onChange({ emptyIsNull: e.target.checked })}
        />{' '}
        Empty is NULL
      </label>
      <label title="Values read as NULL, separated by spaces (exact match)">
        NULL also{' '}
        <input
          className="mono"
          size={9}
          value={value.nullWords}
          disabled={disabled}
          aria-label="Other values read as NULL"
          onChange={(e) => onChange({ nullWords: e.target.value })}
        />
      </label>
      <span className="muted" title="Files are read as UTF-8 (a byte-order mark is dropped)">
        UTF-8
      </span>
    </div>
  )
}
