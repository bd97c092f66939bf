import { useState } from 'react'
import { TID } from '../test-ids'
import { CONDITION_OPS, type ColumnCondition, type ConditionOp } from '../../../shared/contract'

/** What the filter bar applies: the WHERE text and the per-column conditions. */
export interface TableFilter {
  where: string
  conditions: ColumnCondition[]
}

/** How the bar reads for tables (SQL WHERE text) and for collections (a filter document, typed values). */
const WORDING = {
  table: { label: 'WHERE', where: "e.g. status = 'shipped' AND total > 100", value: '', column: 'Column' },
  documents: {
    label: 'Filter',
    where: 'e.g. { status: "A", qty: { $lt: 30 } }',
    value: '30, "30", ObjectId("…"), text',
    column: 'Field',
  },
}

/**
 * The Data view's server-side filter: a WHERE expression (a collection's filter document) and/or
 * conditions per column (field), applied with Enter or Apply (the rows are then read again from
 * the server).
 */
export function TableDataFilter(props: {
  columns: readonly string[]
  applied: TableFilter
  onApply: (f: TableFilter) => void
  /** A collection: the WHERE text is a filter document, condition values shell literals. */
  documents?: boolean
}) {
  const { columns, applied, onApply } = props
  const wording = WORDING[props.documents ? 'documents' : 'table']
  const [where, setWhere] = useState(applied.where)
  const [conditions, setConditions] = useState<ColumnCondition[]>(applied.conditions)
  const apply = () => onApply({ where, conditions })
  const patch = (i: number, change: Partial<ColumnCondition>) =>
    setConditions(conditions.map((c, j) => (j === i ? { ...c, ...change } : c)))
  return (
    <div className="table-filter" data-testid={TID.tableFilter}>
      <label className="table-filter-where">
        {wording.label}{' '}
        <input
          data-testid={TID.tableFilterWhere}
          placeholder={wording.where}
          value={where}
          onChange={(e) => setWhere(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply()
          }}
        />
      </label>
      {conditions.map((c, i) => (
        <span className="table-filter-condition" key={i} data-testid={TID.tableFilterCondition}>
          <select aria-label={wording.column} value={c.column} onChange={(e) => patch(i, { column: e.target.value })}>
            {columns.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <select
            aria-label="Comparison"
            value={c.op}
            onChange={(e) => patch(i, { op: e.target.value as ConditionOp })}
          >
            {CONDITION_OPS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          {c.op === 'IS NULL' || c.op === 'IS NOT NULL' ? null : (
            <input
              aria-label="Value"
              placeholder={wording.value}
              value={c.value}
              onChange={(e) => patch(i, { value: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') apply()
              }}
            />
          )}
          <button aria-label="Remove condition" onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>
            ✕
          </button>
        </span>
      ))}
      <button
        data-testid={TID.tableFilterAdd}
        disabled={columns.length === 0}
        onClick={() => setConditions([...conditions, { column: columns[0] ?? '', op: '=', value: '' }])}
      >
        + Condition
      </button>
      <button data-testid={TID.tableFilterApply} onClick={apply}>
        Apply
      </button>
      <button
        onClick={() => {
          setWhere('')
          setConditions([])
          onApply({ where: '', conditions: [] })
        }}
      >
        Clear
      </button>
    </div>
  )
}
