import { describe, expect, it } from 'vitest'
import {
  CHECKS,
  COLUMNS,
  FOREIGN_KEYS,
  INDEXES,
  OBJECT_KIND,
  SCHEMA_EXISTS,
  TABLES,
} from '../../../src/main/drivers/mssql/mssql-catalog-sql'
import type { MssqlSession } from '../../../src/main/drivers/mssql/mssql-client'
import { MssqlIntrospector, catalogQuery } from '../../../src/main/drivers/mssql/mssql-introspector'
import { declaredType, defaultText } from '../../../src/main/drivers/mssql/mssql-table-reader'

type Params = Record<string, string | number | null>

/** A metadata session that answers the catalog statements with canned rows and records every call. */
function fakeMeta(answers: Map<string, unknown[]>) {
  const calls: { sql: string; params: Params }[] = []
  const session: MssqlSession = {
    spid: 51,
    alive: true,
    batch: () => {
      throw new Error('catalog calls never send batches')
    },
    async query<T>(sql: string, params: Params = {}) {
      calls.push({ sql, params })
      return (answers.get(String(params.stmt ?? sql)) ?? []) as T[]
    },
    reset: async () => {},
    close: async () => {},
  }
  const meta = async () => session
  return { introspector: new MssqlIntrospector(meta, catalogQuery(meta)), calls }
}

const column = (name: string, typeName: string, extra: Record<string, unknown> = {}) => ({
  name,
  typeName,
  userType: false,
  maxLength: 4,
  precision: 10,
  scale: 0,
  nullable: false,
  isIdentity: false,
  seed: null,
  increment: null,
  dflt: null,
  computed: null,
  comment: null,
  ...extra,
})

describe('SQL Server catalog (fake metadata session)', () => {
  const schema = "we]ird'sch"
  const table = "o'rders]"
  const answers = new Map<string, unknown[]>([
    [SCHEMA_EXISTS, [{ found: 1 }]],
    [
      TABLES,
      [
        { name: table, type: 'U', estimate: '3' },
        { name: 'v', type: 'V', estimate: null },
      ],
    ],
    [OBJECT_KIND, [{ type: 'U', definition: null }]],
    [
      COLUMNS,
      [
        column('id', 'int', { isIdentity: true, seed: '1', increment: '1' }),
        column('code', 'nvarchar', { maxLength: 40, nullable: true, comment: 'the code' }),
        column('price', 'decimal', { precision: 38, scale: 10, dflt: '((9.99))' }),
        column('at', 'datetime2', { scale: 7, dflt: '(sysutcdatetime())' }),
        column('customer_id', 'int'),
      ],
    ],
    [
      INDEXES,
      [
        { name: 'PK_orders', isUnique: true, isPrimary: true, predicate: null, col: 'id', method: 'CLUSTERED' },
        {
          name: 'UQ_code',
          isUnique: true,
          isPrimary: false,
          predicate: '([code] IS NOT NULL)',
          col: 'code',
          method: 'NONCLUSTERED',
        },
      ],
    ],
    [CHECKS, [{ name: 'CK_price', expression: '([price]>=(0))' }]],
    [
      FOREIGN_KEYS,
      [
        {
          name: 'FK_customer',
          col: 'customer_id',
          refSchema: 'dbo',
          refTable: 'customers',
          refCol: 'id',
          onUpdate: 'NO_ACTION',
          onDelete: 'SET_NULL',
        },
      ],
    ],
  ])

  it('passes database, schema and table as parameters, never in the SQL text', async () => {
    const { introspector, calls } = fakeMeta(answers)
    await introspector.tables('sh]op', schema)
    await introspector.tableSchema('sh]op', schema, table)
    expect(calls.length).toBeGreaterThan(4)
    for (const { sql, params } of calls) {
      for (const name of ['sh]op', schema, table]) {
        expect(sql).not.toContain(name)
        expect(String(params.stmt ?? '')).not.toContain(name)
      }
      expect(params.database).toBe('sh]op')
      expect(params.schema).toBe(schema)
    }
  })

  it('lists tables with estimated counts and views without', async () => {
    const { introspector } = fakeMeta(answers)
    expect(await introspector.tables('shop', schema)).toEqual([
      { schema, name: table, kind: 'table', rowCount: 3, rowCountExact: false },
      { schema, name: 'v', kind: 'view', rowCount: null, rowCountExact: false },
    ])
  })

  it('describes a table: types as declared, keys, defaults unwrapped, and a rebuilt CREATE TABLE', async () => {
    const { introspector } = fakeMeta(answers)
    const described = await introspector.tableSchema('shop', schema, table)
    expect(described.columns.map((c) => [c.name, c.dataType, c.defaultValue])).toEqual([
      ['id', 'int', null],
      ['code', 'nvarchar(20)', null],
      ['price', 'decimal(38,10)', '9.99'],
      ['at', 'datetime2(7)', 'sysutcdatetime()'],
      ['customer_id', 'int', null],
    ])
    expect(described.columns[0]).toMatchObject({ primaryKeyPosition: 1, autoIncrement: true, unique: false })
    expect(described.columns[1]).toMatchObject({ unique: true, nullable: true, comment: 'the code' })
    expect(described.primaryKey).toEqual(['id'])
    expect(described.indexes[1]).toMatchObject({ name: 'UQ_code', predicate: '([code] IS NOT NULL)' })
    expect(described.indexes.map((i) => i.method)).toEqual(['CLUSTERED', 'NONCLUSTERED'])
    expect(described.checks).toEqual([{ name: 'CK_price', expression: '([price]>=(0))' }])
    expect(described.foreignKeys).toEqual([
      {
        name: 'FK_customer',
        columns: ['customer_id'],
        referencedSchema: 'dbo',
        referencedTable: 'customers',
        referencedColumns: ['id'],
        onUpdate: 'NO ACTION',
        onDelete: 'SET NULL',
      },
    ])
    expect(described.definition).toBe(
      [
        "CREATE TABLE [we]]ird'sch].[o'rders]]] (",
        '  [id] int IDENTITY(1,1) NOT NULL,',
        '  [code] nvarchar(20) NULL,',
        '  [price] decimal(38,10) DEFAULT 9.99 NOT NULL,',
        '  [at] datetime2(7) DEFAULT sysutcdatetime() NOT NULL,',
        '  [customer_id] int NOT NULL,',
        '  CONSTRAINT [PK_orders] PRIMARY KEY CLUSTERED ([id]),',
        '  CONSTRAINT [FK_customer] FOREIGN KEY ([customer_id]) REFERENCES [dbo].[customers] ([id]) ON DELETE SET NULL,',
        '  CONSTRAINT [CK_price] CHECK ([price]>=(0))',
        ');',
      ].join('\n'),
    )
  })

  it('answers not-found for a schema or table that is not there', async () => {
    const { introspector } = fakeMeta(new Map())
    await expect(introspector.tables('shop', 'nope')).rejects.toMatchObject({ error: { kind: 'not-found' } })
    const { introspector: noTable } = fakeMeta(new Map([[SCHEMA_EXISTS, [{ found: 1 }]]]))
    await expect(noTable.tableSchema('shop', 'dbo', 'nope')).rejects.toMatchObject({ error: { kind: 'not-found' } })
  })

  it('prints types and defaults as SQL Server declares them', () => {
    const base = { userType: false, maxLength: -1, precision: 0, scale: 0 }
    expect(declaredType({ ...base, typeName: 'varbinary' })).toBe('varbinary(max)')
    expect(declaredType({ ...base, typeName: 'nchar', maxLength: 10 })).toBe('nchar(5)')
    expect(declaredType({ ...base, typeName: 'time', scale: 3 })).toBe('time(3)')
    expect(declaredType({ ...base, typeName: 'Phone', userType: true })).toBe('Phone')
    expect(defaultText("('it''s (x)')")).toBe("'it''s (x)'")
    expect(defaultText('((1)+(2))')).toBe('(1)+(2)')
    expect(defaultText(null)).toBeNull()
    // DEFAULT NULL is no default, on every engine.
    expect(defaultText('(NULL)')).toBeNull()
    expect(defaultText("('NULL')")).toBe("'NULL'")
  })
})
