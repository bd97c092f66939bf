import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { JsonTreeView } from './json-tree-view'
import { parseJsonTree } from './viewer-formats'

const counts = (json: string): string[] => {
  const node = parseJsonTree(json)
  if (!node) throw new Error('not JSON')
  const html = renderToStaticMarkup(createElement(JsonTreeView, { node }))
  return [...html.matchAll(/class="qgrid-json-count">\s*([^<]*)</g)].map((m) => m[1]!.trim())
}

describe('JsonTreeView counts', () => {
  it('says "1 key" and "1 item" in the singular, more in the plural', () => {
    expect(counts('{"a": [1]}')).toEqual(['1 key }', '1 item ]'])
    expect(counts('{"a": [1, 2], "b": 3}')).toEqual(['2 keys }', '2 items ]'])
  })
})
