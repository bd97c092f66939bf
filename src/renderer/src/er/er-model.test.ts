import { describe, expect, it } from 'vitest'
import type { GraphColumn, SchemaGraph } from '../../../shared/contract'
import { inferredKeys, sameType } from '../../../shared/er/inferred-keys'
import { buildErModel, mergeGraphs, neighbourhood, neighboursOf } from './er-model'
import { toDbml, toMermaid } from './er-text'

const col = (name: string, type: string, pk = 0, nullable = false): GraphColumn => ({ name, type, pk, nullable })

const GRAPH: SchemaGraph = {
  schema: 'shop',
  tables: [
    { name: 'customers', kind: 'table', columns: [col('id', 'integer', 1), col('name', 'text')] },
    {
      name: 'orders',
      kind: 'table',
      columns: [col('id', 'int4', 1), col('customer_id', 'integer', 0, true), col('store_id', 'INT')],
    },
    { name: 'stores', kind: 'table', columns: [col('id', 'integer(11)', 1)] },
    {
      name: 'order lines',
      kind: 'table',
      columns: [col('order_id', 'integer', 1), col('line', 'integer', 2), col('Qty "x"', 'numeric(10, 2)')],
    },
    { name: 'audit', kind: 'table', columns: [col('id', 'integer', 1), col('category_id', 'text')] },
    { name: 'categories', kind: 'table', columns: [col('id', 'integer', 1)] },
  ],
  foreignKeys: [
    {
      name: 'orders_customer_fk',
      table: 'orders',
      columns: ['customer_id'],
      refSchema: 'shop',
      refTable: 'customers',
      refColumns: ['id'],
    },
    {
      name: 'lines_order_fk',
      table: 'order lines',
      columns: ['order_id'],
      refSchema: 'shop',
      refTable: 'orders',
      refColumns: ['id'],
    },
    { name: 'elsewhere', table: 'orders', columns: ['id'], refSchema: 'other', refTable: 'x', refColumns: ['id'] },
  ],
}

describe('ER model', () => {
  const model = buildErModel(GRAPH)

  it('keeps declared keys within the schema, with cardinality, and adds inferred ones', () => {
    expect(model.edges.map((e) => [e.from, e.fromColumns, e.to, e.inferred, e.optional, e.oneToOne])).toEqual([
      ['orders', ['customer_id'], 'customers', false, true, false],
      ['order lines', ['order_id'], 'orders', false, false, false],
      ['orders', ['store_id'], 'stores', true, false, false],
    ])
  })

  it('infers `<thing>_id` only to a table named like it whose one-column key has the same type', () => {
    // audit.category_id is text, categories.id integer: no match; declared keys are never inferred again.
    expect(inferredKeys(GRAPH)).toEqual([{ table: 'orders', column: 'store_id', refTable: 'stores', refColumn: 'id' }])
    expect(sameType('INT', 'int4')).toBe(true)
    expect(sameType('varchar(20)', 'character varying(40)')).toBe(true)
    expect(sameType('text', 'integer')).toBe(false)
  })

  it('walks a neighbourhood hop by hop, with or without inferred edges', () => {
    expect([...neighbourhood(model, 'customers', 1, true)].sort()).toEqual(['customers', 'orders'])
    expect([...neighbourhood(model, 'customers', 2, true)].sort()).toEqual([
      'customers',
      'order lines',
      'orders',
      'stores',
    ])
    expect([...neighbourhood(model, 'customers', 2, false)].sort()).toEqual(['customers', 'order lines', 'orders'])
  })
})

describe('ER text exports', () => {
  const model = buildErModel(GRAPH)
  const selection = { tables: ['customers', 'orders', 'stores', 'order lines'], withInferred: true }

  it('writes Mermaid erDiagram exactly, quoting odd names', () => {
    expect(toMermaid(model, selection)).toBe(
      [
        'erDiagram',
        '    customers {',
        '        integer id PK',
        '        text name',
        '    }',
        '    orders {',
        '        int4 id PK',
        '        integer customer_id FK',
        '        INT store_id FK',
        '    }',
        '    stores {',
        '        integer(11) id PK',
        '    }',
        '    "order lines" {',
        '        integer order_id PK, FK',
        '        integer line PK',
        `        numeric(10,_2) Qty__x_ "Qty 'x'"`,
        '    }',
        '    customers |o--o{ orders : "orders_customer_fk"',
        '    orders ||--o{ "order lines" : "lines_order_fk"',
        '    stores ||..o{ orders : "inferred"',
        '',
      ].join('\n'),
    )
  })

  it('leaves inferred relationships out when they are switched off', () => {
    expect(toMermaid(model, { ...selection, withInferred: false })).not.toContain('inferred')
  })

  it('writes DBML exactly, escaping quotes and keeping composite keys', () => {
    expect(toDbml(model, { tables: ['orders', 'order lines'], withInferred: false })).toBe(
      [
        'Table "orders" {',
        '  "id" int4 [pk, not null]',
        '  "customer_id" integer',
        '  "store_id" INT [not null]',
        '}',
        '',
        'Table "order lines" {',
        '  "order_id" integer [not null]',
        '  "line" integer [not null]',
        '  "Qty \\"x\\"" numeric(10, 2) [not null]',
        '',
        '  indexes {',
        '    ("order_id", "line") [pk]',
        '  }',
        '}',
        '',
        'Ref: "order lines"."order_id" > "orders"."id" // lines_order_fk',
        '',
      ].join('\n'),
    )
  })
})

describe('ER model of a graph read around some tables', () => {
  const part = (complete: string[], tables: string[]): SchemaGraph => ({
    ...GRAPH,
    tables: GRAPH.tables.filter((t) => tables.includes(t.name)),
    foreignKeys: GRAPH.foreignKeys.filter((k) => tables.includes(k.table)),
    complete,
  })

  it('keeps an inferred relationship only where one end is complete', () => {
    // stores is read (a neighbour of customers' neighbour) but neither it nor orders is complete.
    const model = buildErModel(part(['customers'], ['customers', 'orders', 'stores']))
    expect(model.edges.map((e) => `${e.from}->${e.to}${e.inferred ? ' inferred' : ''}`)).toEqual(['orders->customers'])
    expect(buildErModel(part(['orders'], ['customers', 'orders', 'stores'])).edges).toHaveLength(2)
  })

  it('merges a later read: its tables and keys join, complete grows, the whole schema is never a part', () => {
    const first = part(['customers'], ['customers', 'orders'])
    const merged = mergeGraphs(first, part(['orders', 'stores'], ['orders', 'stores', 'order lines', 'customers']))
    expect([...merged.complete!].sort()).toEqual(['customers', 'orders', 'stores'])
    expect(merged.tables.map((t) => t.name).sort()).toEqual(['customers', 'order lines', 'orders', 'stores'])
    expect(merged.foreignKeys.map((k) => k.name).sort()).toEqual(['elsewhere', 'lines_order_fk', 'orders_customer_fk'])
    const model = buildErModel(merged)
    expect([...neighboursOf(model, 'orders', true)].sort()).toEqual(['customers', 'order lines', 'stores'])
    expect(mergeGraphs(first, GRAPH)).toBe(GRAPH)
    expect(buildErModel(GRAPH).complete).toBeNull()
  })
})
