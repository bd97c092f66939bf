import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/main/services/dispatcher'
import { createHandlers } from '../../src/main/services/handlers'
import type { FileDialogs } from '../../src/main/services/handlers'
import type { FileFilter } from '../../src/shared/contract'
import { recordingClient } from './recording-client'

/** The dispatcher over the real handlers and schemas; only the file dialog is a fake. */
function dispatcherWith(dialogs: FileDialogs | undefined) {
  const unused = {} as never
  const handlers = createHandlers({
    app: { name: 'Quarry', version: '0.0.0', host: dialogs ? 'electron' : 'browser' },
    connections: unused,
    queries: unused,
    sessions: unused,
    history: unused,
    tabs: unused,
    layouts: unused,
    queryFolder: unused,
    exports: unused,
    imports: unused,
    ...(dialogs ? { dialogs } : {}),
  })
  return createDispatcher(handlers)
}

function fakeDialogs(answer: string | null) {
  const asked: FileFilter[][] = []
  const dialogs: FileDialogs = {
    saveText: async () => null,
    openText: async () => null,
    choosePath: async (filters) => {
      asked.push(filters)
      return answer
    },
  }
  return { dialogs, asked }
}

const { client } = recordingClient()

describe('files.choose: the desktop open dialog with the engine descriptor’s filters', () => {
  it('answers the chosen path; the dialog shows the engine’s data and database files, then All files', async () => {
    const { dialogs, asked } = fakeDialogs('/data/measurements.csv')
    const result = await dispatcherWith(dialogs)('files.choose', { engine: 'duckdb' }, client)
    expect(result).toEqual({ ok: true, value: { path: '/data/measurements.csv' } })
    expect(asked).toEqual([
      [
        { name: 'Data files', extensions: ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'jsonl'] },
        { name: 'DuckDB databases', extensions: ['duckdb', 'db'] },
        { name: 'All files', extensions: ['*'] },
      ],
    ])
  })

  it('shows SQLite its own database types', async () => {
    const { dialogs, asked } = fakeDialogs('/data/shop.sqlite')
    await dispatcherWith(dialogs)('files.choose', { engine: 'sqlite' }, client)
    expect(asked[0]?.map((filter) => filter.name)).toEqual(['SQLite databases', 'All files'])
    expect(asked[0]?.[0]?.extensions).toContain('sqlite')
  })

  it('answers null when the dialog is dismissed', async () => {
    const { dialogs } = fakeDialogs(null)
    expect(await dispatcherWith(dialogs)('files.choose', { engine: 'duckdb' }, client)).toEqual({
      ok: true,
      value: { path: null },
    })
  })

  it.each([
    ['a server engine', { engine: 'postgres' }],
    ['an unknown engine', { engine: 'oracle' }],
    ['no engine', {}],
    ['a path from the page', { engine: 'duckdb', path: '/etc/passwd' }],
    ['filters from the page', { engine: 'duckdb', filters: [{ name: 'x', extensions: ['*'] }] }],
    ['a string', 'duckdb'],
  ])('refuses %s with invalid-input, without showing a dialog', async (_name, input) => {
    const { dialogs, asked } = fakeDialogs('/x')
    const result = await dispatcherWith(dialogs)('files.choose', input, client)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('invalid-input')
    expect(asked).toEqual([])
  })

  it('in browser mode (no dialogs) answers invalid-input saying to type the path', async () => {
    const result = await dispatcherWith(undefined)('files.choose', { engine: 'duckdb' }, client)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-input')
      expect(result.error.message).toMatch(/no file picker: type the file's path/)
    }
  })
})
