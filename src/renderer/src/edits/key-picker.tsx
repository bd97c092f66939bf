import { TID } from '../test-ids'

/** Props of the key picker. */
export interface KeyPickerProps {
  columns: readonly string[]
  chosen: readonly string[]
  onChange: (chosen: string[]) => void
  onPreview: () => void
}

/**
 * For a table with neither a primary key nor a unique NOT NULL key: the user says which columns
 * identify a row. Main checks that each statement still affects exactly one row.
 */
export function KeyPicker({ columns, chosen, onChange, onPreview }: KeyPickerProps) {
  const toggle = (name: string) =>
    onChange(
      chosen.includes(name)
        ? chosen.filter((c) => c !== name)
        : columns.filter((c) => c === name || chosen.includes(c)),
    )
  return (
    <fieldset className="key-picker" data-testid={TID.reviewKey}>
      <legend>This table has no primary or unique NOT NULL key: which columns identify a row?</legend>
      <div className="key-picker-columns">
        {columns.map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              data-testid={TID.reviewKeyColumn}
              data-column={name}
              checked={chosen.includes(name)}
              onChange={() => toggle(name)}
            />
            {name}
          </label>
        ))}
      </div>
      <button type="button" disabled={chosen.length === 0} onClick={onPreview}>
        Show the statements
      </button>
    </fieldset>
  )
}
