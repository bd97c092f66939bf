import { useEffect, useState } from 'react'
import type { QuarryError, TableSchema } from '../../../shared/contract'
import { useApp } from '../app-context'
import { TID } from '../test-ids'
import { ChecksSection, ColumnsSection, ForeignKeysSection, IndexesSection } from './structure-sections'
import { DocumentStructure } from './structure-view-documents'
import type { TableTab } from './workspace-store'

type Load = { status: 'loading' } | { status: 'ready'; schema: TableSchema } | { status: 'error'; error: QuarryError }

/** Columns, indexes, foreign keys and checks of a table, from the driver's introspection. */
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
      <ColumnsSection schema={schema} />
      <IndexesSection schema={schema} />
      <ForeignKeysSection schema={schema} />
      <ChecksSection schema={schema} />
      {schema.definition ? (
        <>
          <h3>Definition</h3>
          <pre className="definition">{schema.definition}</pre>
        </>
      ) : null}
    </div>
  )
}
