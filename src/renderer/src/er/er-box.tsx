import { memo } from 'react'
import type { GraphTable } from '../../../shared/contract'
import { TID } from '../test-ids'
import { HEADER_HEIGHT, MAX_ROWS, ROW_HEIGHT, type Box } from './er-geometry'

interface Props {
  table: GraphTable
  box: Box
  /** Columns that refer to another table (FK mark). */
  keyColumns: ReadonlySet<string>
  /** Neighbours not shown yet ("+N" expands one hop); 0: none. */
  hidden: number
  highlighted: boolean
  /** Zoomed far out: the name only. */
  simple: boolean
}

/** One table's box: its name, then its columns with key marks and types. */
export const ErBox = memo(function ErBox({ table, box, keyColumns, hidden, highlighted, simple }: Props) {
  const rows = table.columns.slice(0, MAX_ROWS)
  const more = table.columns.length - rows.length
  return (
    <g
      className={`er-box${highlighted ? ' er-box-highlight' : ''}${table.kind === 'view' ? ' er-box-view' : ''}`}
      transform={`translate(${box.x},${box.y})`}
      data-testid={TID.erTable}
      data-table={table.name}
    >
      <rect className="er-box-body" width={box.width} height={box.height} rx={6} />
      <path
        className="er-box-head"
        d={`M0,6 a6,6 0 0 1 6,-6 h${box.width - 12} a6,6 0 0 1 6,6 v${HEADER_HEIGHT - 6} h${-box.width} z`}
        data-drag={table.name}
      />
      <text className="er-box-title" x={10} y={20} data-drag={table.name}>
        {table.kind === 'view' ? '◇ ' : ''}
        {table.name}
      </text>
      {hidden > 0 ? (
        <g
          className="er-expand"
          data-expand={table.name}
          data-testid={TID.erExpand}
          transform={`translate(${box.width - 22},${HEADER_HEIGHT / 2})`}
        >
          <title>{`Show ${hidden} related table${hidden === 1 ? '' : 's'}`}</title>
          <rect x={-14} y={-9} width={30} height={18} rx={9} data-expand={table.name} />
          <text x={1} y={4} textAnchor="middle" data-expand={table.name}>{`+${hidden}`}</text>
        </g>
      ) : null}
      {simple
        ? null
        : rows.map((column, index) => {
            const y = HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2 + 7
            const fk = keyColumns.has(column.name)
            return (
              <g key={column.name} className="er-row">
                {column.pk > 0 || fk ? (
                  <text className={column.pk > 0 ? 'er-mark er-mark-pk' : 'er-mark er-mark-fk'} x={10} y={y}>
                    {column.pk > 0 ? 'PK' : 'FK'}
                  </text>
                ) : null}
                <text className={`er-col${column.nullable ? '' : ' er-col-required'}`} x={34} y={y}>
                  {column.name}
                </text>
                <text className="er-type" x={box.width - 10} y={y} textAnchor="end">
                  {column.type}
                  {column.nullable ? '?' : ''}
                </text>
              </g>
            )
          })}
      {!simple && more > 0 ? (
        <text className="er-more" x={34} y={HEADER_HEIGHT + MAX_ROWS * ROW_HEIGHT + ROW_HEIGHT / 2 + 7}>
          {`+ ${more} more columns`}
        </text>
      ) : null}
    </g>
  )
})
