import { VALUE_KINDS, type ColumnInfo, type ImportAnalysis, type ValueKind } from '../../../shared/contract'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import { TID } from '../test-ids'
import { formatOptions, withKind, writableColumns, type ColumnChoice } from './import-plan'

const TEMPORAL: readonly ValueKind[] = ['date', 'timestamp', 'timestamptz']

/**
 * One row per file column: what the analysis found (kind, date format, NULLs, longest value,
 * problems with examples) and what is chosen (kind, format, target column, type), all editable.
 */
export function ImportColumns(props: {
  analysis: ImportAnalysis
  choices: ColumnChoice[]
  facts: ImportFacts
  /** An existing table's columns: targets are chosen among them; null: a new table. */
  existing: ColumnInfo[] | null
  disabled: boolean
  onChange: (index: number, choice: ColumnChoice) => void
}) {
  const { analysis, choices, facts, existing, disabled, onChange } = props
  const targets = existing ? writableColumns(existing) : null
  return (
    <div className="import-columns-scroll">
      <table className="import-columns" data-testid={TID.importColumns}>
        <thead>
          <tr>
            <th>File column</th>
            <th>Kind</th>
            <th>Format</th>
            <th className="num">NULLs</th>
            <th className="num">Max len</th>
            <th>Problems</th>
            <th>{existing ? 'Into column' : 'Column'}</th>
            <th>Type</th>
          </tr>
        </thead>
        <tbody>
          {analysis.columns.map((profile, i) => {
            const choice = choices[i]!
            const set = (patch: Partial<ColumnChoice>) => onChange(i, { ...choice, ...patch })
            const skipped = choice.target === ''
            return (
              <tr key={i} data-column={profile.name} className={skipped ? 'skipped' : undefined}>
                <td className="mono">{profile.name}</td>
                <td>
                  <select
                    aria-label={`Kind of ${profile.name}`}
                    data-kind={choice.kind}
                    value={choice.kind}
                    disabled={disabled}
                    onChange={(e) => onChange(i, withKind(choice, e.target.value as ValueKind, facts, profile))}
                  >
                    {VALUE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {k}
                        {k === profile.kind ? ' (found)' : ''}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {TEMPORAL.includes(choice.kind) ? (
                    <select
                      aria-label={`Format of ${profile.name}`}
                      data-format={choice.format ?? ''}
                      value={choice.format ?? ''}
                      disabled={disabled}
                      onChange={(e) => set({ format: e.target.value })}
                    >
                      {formatOptions(profile.format, profile.alternatives).map((f) => (
                        <option key={f} value={f}>
                          {f}
                          {f === profile.format ? ' (found)' : profile.alternatives.includes(f) ? ' (fits too)' : ''}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num">{profile.nulls.toLocaleString('en-US')}</td>
                <td className="num">{profile.maxLength.toLocaleString('en-US')}</td>
                <td className="import-problems" data-problems={profile.problems}>
                  {profile.problems === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <>
                      <strong>{profile.problems.toLocaleString('en-US')}</strong>{' '}
                      <span className="import-examples">
                        {profile.examples.map((x) => `row ${x.row}: ${JSON.stringify(x.value)}`).join(', ')}
                      </span>
                    </>
                  )}
                </td>
                <td>
                  {targets ? (
                    <select
                      aria-label={`Target of ${profile.name}`}
                      value={choice.target}
                      disabled={disabled}
                      onChange={(e) => {
                        const column = targets.find((t) => t.name === e.target.value)
                        set({ target: e.target.value, ...(column ? { type: column.dataType } : {}) })
                      }}
                    >
                      <option value="">(skip)</option>
                      {targets.map((t) => (
                        <option key={t.name} value={t.name}>
                          {t.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      className="mono"
                      aria-label={`Column name for ${profile.name}`}
                      value={choice.target}
                      placeholder="(skip)"
                      disabled={disabled}
                      onChange={(e) => set({ target: e.target.value })}
                    />
                  )}
                </td>
                <td>
                  {existing ? (
                    <span className="mono muted">{skipped ? '' : choice.type}</span>
                  ) : (
                    <input
                      className="mono"
                      aria-label={`Type of ${profile.name}`}
                      value={choice.type}
                      size={14}
                      disabled={disabled || skipped}
                      onChange={(e) => set({ type: e.target.value })}
                    />
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
