import type { ReactNode } from 'react'
import type { TableSchema } from '../../../shared/contract'
import { TID } from '../test-ids'
import { indexKind, nullableText } from './structure-text'

/** A section's table: a heading row, its rows, and a muted line when there are none. */
function Section(props: { title: string; testId: string; head: string[]; empty: string; rows: ReactNode[] }) {
  return (
    <>
      <h3>{props.title}</h3>
      <table className="structure-table" data-testid={props.testId}>
        <thead>
          <tr>
            {props.head.map((name) => (
              <th key={name}>{name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows}
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.head.length} className="muted">
                {props.empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  )
}

/** Columns: type, Nullable (yes/no), default, ON UPDATE where some column has one, keys. */
export function ColumnsSection({ schema }: { schema: TableSchema }) {
  const onUpdate = schema.columns.some((column) => column.onUpdate)
  const head = ['#', 'Name', 'Type', 'Nullable', 'Default', ...(onUpdate ? ['On update'] : []), 'Key', 'Unique']
  const rows = schema.columns.map((column, index) => (
    <tr key={column.name}>
      <td>{index + 1}</td>
      <td>{column.name}</td>
      <td className="mono">{column.dataType || '—'}</td>
      <td>{nullableText(column.nullable)}</td>
      <td className="mono">{column.defaultValue ?? ''}</td>
      {onUpdate ? <td className="mono">{column.onUpdate ?? ''}</td> : null}
      <td>
        {column.primaryKeyPosition ? `PK ${column.primaryKeyPosition}${column.autoIncrement ? ' (auto)' : ''}` : ''}
      </td>
      <td>{column.unique ? 'unique' : ''}</td>
    </tr>
  ))
  return <Section title="Columns" testId={TID.structureColumns} head={head} empty="No columns" rows={rows} />
}

/** Indexes with their kind (the engine's method, partial, expression). */
export function IndexesSection({ schema }: { schema: TableSchema }) {
  const rows = schema.indexes.map((index) => (
    <tr key={index.name}>
      <td>
        {index.name}
        {index.primary ? ' (primary key)' : ''}
      </td>
      <td className="mono">{index.columns.join(', ')}</td>
      <td className="mono">{indexKind(index)}</td>
      <td>{index.unique ? 'unique' : ''}</td>
      <td className="mono">{index.predicate ?? ''}</td>
    </tr>
  ))
  const head = ['Name', 'Columns', 'Kind', 'Unique', 'Where']
  return <Section title="Indexes" testId={TID.structureIndexes} head={head} empty="No indexes" rows={rows} />
}

export function ForeignKeysSection({ schema }: { schema: TableSchema }) {
  const rows = schema.foreignKeys.map((fk, index) => (
    <tr key={fk.name ?? index}>
      <td>{fk.name ?? `fk ${index + 1}`}</td>
      <td className="mono">{fk.columns.join(', ')}</td>
      <td className="mono">{`${fk.referencedTable}(${fk.referencedColumns.join(', ')})`}</td>
      <td>{fk.onUpdate}</td>
      <td>{fk.onDelete}</td>
    </tr>
  ))
  const head = ['Name', 'Columns', 'References', 'On update', 'On delete']
  return (
    <Section title="Foreign keys" testId={TID.structureForeignKeys} head={head} empty="No foreign keys" rows={rows} />
  )
}

/** CHECK constraints, each as its clause. */
export function ChecksSection({ schema }: { schema: TableSchema }) {
  const rows = schema.checks.map((check, index) => (
    <tr key={check.name ?? index}>
      <td>{check.name ?? <span className="muted">unnamed</span>}</td>
      <td className="mono">{`CHECK ${check.expression}`}</td>
    </tr>
  ))
  const head = ['Name', 'Condition']
  return <Section title="Checks" testId={TID.structureChecks} head={head} empty="No checks" rows={rows} />
}
