import { useState } from 'react'
import { TID } from '../test-ids'
import { loadGridLimits, ROW_LIMIT_CHOICES, saveRowLimit } from './grid-limits'

/** The grid row limit setting (applies from the next run; kept across restarts). */
export function RowLimitSelect() {
  const [limit, setLimit] = useState(() => loadGridLimits().rowLimit)
  return (
    <label className="row-limit" title="Most rows a result loads into the grid; Export writes them all">
      Grid limit{' '}
      <select
        data-testid={TID.gridRowLimit}
        value={limit ?? ''}
        onChange={(e) => {
          const next = e.target.value ? Number(e.target.value) : null
          saveRowLimit(next)
          setLimit(next)
        }}
      >
        {ROW_LIMIT_CHOICES.map((choice) => (
          <option key={choice ?? 'none'} value={choice ?? ''}>
            {choice === null ? 'none' : choice.toLocaleString('en-US')}
          </option>
        ))}
      </select>
    </label>
  )
}
