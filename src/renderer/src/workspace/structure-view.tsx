import { useEffect, useState } from 'react'
import type { QuarryError, TableSchema } from '../../../shared/contract'
import { useApp } from '../app-context'
import { TID } from '../test-ids'
import { DocumentStructure } from './structure-view-documents'
import type { TableTab } from './workspace-store'

type Load = { status: 'loading' } | { status: 'ready'; schema: TableSchema } | { status: 'error'; error: QuarryError }

/** Columns, indexes and foreign keys of a table, from the driver's introspection. */
export function StructureView({ tab }: { tab: TableTab }) {
  const { client } = useApp()
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  useEffect(() => {
    let live = true
    const { connectionId, database, table } = tab
    void client
      .call('meta.tableSchema', { connectionId, database, schema: table.schema, table: table.name })
      .then((result) => {
        if (live)
          setLoad(result.ok ? { status: 'ready', schema: result.value } : { status: 'error', error: result.error })
      })
    return () => {
      live = false
    }
  }, [client, tab])
  if (load.status === 'loading')
    return (
      <div className="structure-view" data-testid={TID.structureView}>
        Loading…
      </div>
    )
  if (load.status === 'error') {
    return (
      <div className="structure-view" data-testid={TID.structureView}>
        <div className="query-error" role="alert">
          {load.error.message}
        </div>
      </div>
    )
  }
  const { schema } = load
  if (schema.documentSchema) {
    return (
      <div className="structure-view" data-testid={TID.structureView}>
        <DocumentStructure schema={schema} documents={schema.documentSchema} />
      </div>
    )
  }
  return (
    <div className="structure-view" data-testid={TID.structureView}>
      <h3>Columns</h3>
      <table className="structure-table" data-testid={TID.structureColumns}>
        <thead>
          <tr>
            <th>#</th>
            <th>Name</th>
            <th>Type</th>
            <th>Nullable</th>
            <th>Default</th>
            <th>Primary key</th>
            <th>Unique</th>
          </tr>
        </thead>
        <tbody>
          {schema.columns.map((column, index) => (
            <tr key={column.name}>
              <td>{index + 1}</td>
              <td>{column.name}</td>
              <td className="mono">{column.dataType || '—'}</td>
              <td>{column.nullable ? 'yes' : 'NOT NULL'}</td>
              <td className="mono">{column.defaultValue ?? ''}</td>
              <td>
                {column.primaryKeyPosition
                  ? `PK ${column.primaryKeyPosition}${column.autoIncrement ? ' (auto)' : ''}`
                  : ''}
              </td>
              <td>{column.unique ? 'unique' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Indexes</h3>
      <table className="structure-table" data-testid={TID.structureIndexes}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Columns</th>
            <th>Unique</th>
            <th>Where</th>
          </tr>
        </thead>
        <tbody>
          {schema.indexes.map((index) => (
            <tr key={index.name}>
              <td>
                {index.name}
                {index.primary ? ' (primary key)' : ''}
              </td>
              <td className="mono">{index.columns.join(', ')}</td>
              <td>{index.unique ? 'unique' : ''}</td>
              <td className="mono">{index.predicate ?? ''}</td>
            </tr>
          ))}
          {schema.indexes.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No indexes
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h3>Foreign keys</h3>
      <table className="structure-table" data-testid={TID.structureForeignKeys}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Columns</th>
            <th>References</th>
            <th>On update</th>
            <th>On delete</th>
          </tr>
        </thead>
        <tbody>
          {schema.foreignKeys.map((fk, index) => (
            <tr key={fk.name ?? index}>
              <td>{fk.name ?? `fk ${index + 1}`}</td>
              <td className="mono">{fk.columns.join(', ')}</td>
              <td className="mono">{`${fk.referencedTable}(${fk.referencedColumns.join(', ')})`}</td>
              <td>{fk.onUpdate}</td>
              <td>{fk.onDelete}</td>
            </tr>
          ))}
          {schema.foreignKeys.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No foreign keys
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {schema.definition ? (
        <>
          <h3>Definition</h3>
          <pre className="definition">{schema.definition}</pre>
        </>
      ) : null}
    </div>
  )
}
