import { describe, expect, it } from 'vitest'
import { documentNodes } from './document-tree'

const columns = ['_id', 'name', 'address', 'tags', 'late'].map((name) => ({ name, type: null }))

describe('documentNodes', () => {
  it('rebuilds a document from its row: absent fields left out, nested values as children', () => {
    const nodes = documentNodes(columns, [
      { $: 'bson', t: 'ObjectId', v: '65a0c0ffee0000000000abcd' },
      { $: 'bson', t: 'Absent', v: '' },
      {
        $: 'bson',
        t: 'Object',
        v: '{"city":"Paris","at":ISODate("2024-01-01T00:00:00.000Z"),"n":NumberLong("9007199254740993")}',
      },
      { $: 'bson', t: 'Array', v: '["a",null]' },
    ])
    expect(nodes.map((n) => n.key)).toEqual(['_id', 'address', 'tags'])
    expect(nodes[0]).toEqual({ key: '_id', kind: 'other', text: 'ObjectId("65a0c0ffee0000000000abcd")' })
    expect(nodes[1]).toMatchObject({ kind: 'doc', text: '{ 3 fields }' })
    expect(nodes[1]!.children!.map((c) => [c.key, c.text])).toEqual([
      ['city', '"Paris"'],
      ['at', 'ISODate("2024-01-01T00:00:00.000Z")'],
      ['n', 'NumberLong("9007199254740993")'],
    ])
    expect(nodes[2]!.children!.map((c) => [c.key, c.kind])).toEqual([
      ['0', 'string'],
      ['1', 'null'],
    ])
  })

  it('keeps null apart from a missing field and strings apart from numbers', () => {
    const nodes = documentNodes(columns.slice(0, 2), [1, null])
    expect(nodes).toEqual([
      { key: '_id', kind: 'number', text: '1' },
      { key: 'name', kind: 'null', text: 'NULL' },
    ])
    expect(documentNodes(columns.slice(0, 1), ['1'])[0]).toMatchObject({ kind: 'string', text: '"1"' })
  })
})
