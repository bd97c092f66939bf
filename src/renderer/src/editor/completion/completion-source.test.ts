import type * as Autocomplete from '@codemirror/autocomplete'
import type { CompletionContext } from '@codemirror/autocomplete'
import { EditorState } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { describe, expect, it, vi } from 'vitest'
import type { TableInfo } from '../../../../shared/contract'
import type { CatalogSnapshot } from './completion-options'
import { sqlCompletionSource } from './completion-source'
import type { SchemaCatalog } from './schema-catalog'

const started = vi.hoisted(() => [] as unknown[])
vi.mock('@codemirror/autocomplete', async (original) => ({
  ...(await original<typeof Autocomplete>()),
  startCompletion: (view: unknown) => (started.push(view), true),
}))

const orders: TableInfo = { schema: 'shop', name: 'orders', kind: 'table', rowCount: null, rowCountExact: false }

/** A catalog whose tables arrive on load; `during` runs while they are fetched (and may delay them). */
function slowCatalog(during: () => unknown): SchemaCatalog {
  let loaded = false
  let loading: Promise<void> | undefined
  const snapshot = (): CatalogSnapshot => ({
    defaultSchema: 'shop',
    schemas: () => ['shop'],
    tables: () => (loaded ? [orders] : null),
    columns: () => [],
  })
  return {
    resolve: async () => 'db',
    snapshot,
    // Like SchemaCatalog, one fetch however often it is asked for.
    load: () =>
      (loading ??= (async () => {
        await during()
        loaded = true
      })()),
  } as unknown as SchemaCatalog
}

describe('SQL completion while metadata is fetched', () => {
  const sql = 'SELECT * FROM '
  const state = EditorState.create({ doc: sql, selection: { anchor: sql.length } })
  const view = { state, hasFocus: true } as unknown as EditorView
  // What the source reads of CodeMirror's context (whose `aborted` the editor sets when it drops a query).
  const contextAt = () => ({ state, pos: sql.length, explicit: false, view, aborted: false })

  it('offers the tables once they arrive', async () => {
    const context = contextAt()
    const result = await sqlCompletionSource(
      'postgres',
      slowCatalog(() => {}),
    )(context as unknown as CompletionContext)
    expect(result?.options.map((o) => o.label)).toContain('orders')
  })

  it('asks again when the editor dropped the query while the tables were fetched (caret where it was)', async () => {
    started.length = 0
    const context = contextAt()
    const source = sqlCompletionSource(
      'postgres',
      slowCatalog(() => (context.aborted = true)),
    )
    const result = await source(context as unknown as CompletionContext)
    expect(result).toBeNull()
    await Promise.resolve()
    expect(started).toEqual([view])
  })

  it('asks again when the tables arrive after the wait ended (a slow server), the caret where it was', async () => {
    vi.useFakeTimers()
    try {
      started.length = 0
      let arrive = () => {}
      const source = sqlCompletionSource(
        'postgres',
        slowCatalog(() => new Promise<void>((resolve) => (arrive = resolve))),
      )
      const answer = source(contextAt() as unknown as CompletionContext)
      await vi.advanceTimersByTimeAsync(6_500)
      // The wait ended: what is known is offered (the schema, not yet its tables), nothing asked again yet.
      expect((await answer)?.options.map((o) => o.label)).toEqual(['shop'])
      expect(started).toEqual([])
      arrive()
      await vi.advanceTimersByTimeAsync(0)
      expect(started).toEqual([view])
    } finally {
      vi.useRealTimers()
    }
  })
})
