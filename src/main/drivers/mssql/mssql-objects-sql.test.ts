import { describe, expect, it } from 'vitest'
import { engineDescriptor } from '../../../shared/contract'
import { catalogObjects } from '../../services/catalog-service'
import { MSSQL_FACTS } from './mssql-facts'
import { mssqlObjectsQuery } from './mssql-objects-sql'

// Rows in the shape the statement returns through the driver (kind, name, detail) for the schema of
// test/drivers/catalog-objects.test.ts plus an INSTEAD OF trigger on a view. Written from the
// catalog views' documented values: no SQL Server runs here (that test checks them on a real one).
const RECORDED: (string | null)[][] = [
  ['function', 'add_one', '(@a int, @b nvarchar)'],
  ['function', 'rows_of', '(@n int)'],
  ['procedure', 'noop', '()'],
  ['sequence', 's', null],
  ['trigger', 't_guard', 'after insert, update on t'],
  ['trigger', 'v_instead', 'instead of delete on v'],
]

describe('SQL Server schema objects', () => {
  it('binds the schema as @p1, never spliced into the text', () => {
    const query = mssqlObjectsQuery("x'; DROP TABLE t --")
    expect(query.params).toEqual(["x'; DROP TABLE t --"])
    expect(query.sql).not.toContain('DROP TABLE')
    expect(query.sql.match(/s\.name = @p1/g)).toHaveLength(3)
    expect(MSSQL_FACTS.objectsQuery).toBe(mssqlObjectsQuery)
  })

  it('maps the recorded rows to the tree objects, every kind the descriptor declares', () => {
    const kinds = new Set<string>(engineDescriptor('mssql').tree.objectKinds)
    expect(catalogObjects(RECORDED, 'dbo', kinds)).toEqual([
      { kind: 'function', schema: 'dbo', name: 'add_one', detail: '(@a int, @b nvarchar)' },
      { kind: 'function', schema: 'dbo', name: 'rows_of', detail: '(@n int)' },
      { kind: 'procedure', schema: 'dbo', name: 'noop', detail: '()' },
      { kind: 'sequence', schema: 'dbo', name: 's', detail: null },
      { kind: 'trigger', schema: 'dbo', name: 't_guard', detail: 'after insert, update on t' },
      { kind: 'trigger', schema: 'dbo', name: 'v_instead', detail: 'instead of delete on v' },
    ])
  })

  it('leaves out rows of a kind the engine does not declare and rows without a name', () => {
    const rows = [
      ['trigger', 't', null],
      ['synonym', 'x', null],
      ['function', null, null],
    ]
    expect(catalogObjects(rows, 'dbo', new Set(['function', 'sequence']))).toEqual([])
  })
})
