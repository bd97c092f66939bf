import type { DocumentSchema, TableSchema } from '../../../shared/contract'
import { TID } from '../test-ids'

const percent = (n: number, of: number): string => (of === 0 ? '' : `${Math.round((n / of) * 1000) / 10}%`)

/** A collection's structure: the schema inferred from a sample, its indexes, validator and view pipeline. */
export function DocumentStructure({ schema, documents }: { schema: TableSchema; documents: DocumentSchema }) {
  const { sampleSize, fields, validator } = documents
  return (
    <>
      <h3>Inferred schema</h3>
      <p className="muted">
        From a random sample of {sampleSize.toLocaleString('en-US')} document{sampleSize === 1 ? '' : 's'}: each field
        path (nested ones dotted), how many sampled documents have it, and the BSON types seen there.
      </p>
      <table className="structure-table" data-testid={TID.structureDocumentSchema}>
        <thead>
          <tr>
            <th>Field</th>
            <th>In documents</th>
            <th>Types seen</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.path}>
              <td className="mono" style={{ paddingLeft: `${8 + 14 * (field.path.split('.').length - 1)}px` }}>
                {field.path}
              </td>
              <td>
                {field.count.toLocaleString('en-US')} ({percent(field.count, sampleSize)})
              </td>
              <td className="mono">
                {field.types.map((t) => `${t.type} ${percent(t.count, field.count)}`).join(', ')}
              </td>
            </tr>
          ))}
          {fields.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                No documents to sample
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h3>Indexes</h3>
      <table className="structure-table" data-testid={TID.structureIndexes}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Keys</th>
            <th>Unique</th>
            <th>Partial filter</th>
          </tr>
        </thead>
        <tbody>
          {schema.indexes.map((index) => (
            <tr key={index.name}>
              <td>{index.name}</td>
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
      <h3>Validator</h3>
      {validator ? (
        <pre className="definition" data-testid={TID.structureValidator}>
          {validator}
        </pre>
      ) : (
        <p className="muted">None</p>
      )}
      {schema.definition ? (
        <>
          <h3>View definition</h3>
          <pre className="definition">{schema.definition}</pre>
        </>
      ) : null}
    </>
  )
}
