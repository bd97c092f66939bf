import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/main/services/dispatcher'
import { createHandlers } from '../../../src/main/services/handlers'
import type { QueryDialogs } from '../../../src/main/services/queries/query-file-handlers'
import { QUERY_FOLDER_FILE, QueryFolder } from '../../../src/main/services/queries/query-folder'
import { recordingClient } from '../recording-client'

const { client } = recordingClient()

/** The dispatcher over the real handlers and schemas, a real folder, and (desktop) fake dialogs. */
function dispatcherWith(folder: QueryFolder, queryDialogs?: QueryDialogs) {
  const unused = {} as never
  const handlers = createHandlers({
    app: { name: 'Quarry', version: '0.0.0', host: queryDialogs ? 'electron' : 'browser' },
    connections: unused,
    queries: unused,
    sessions: unused,
    history: unused,
    tabs: unused,
    layouts: unused,
    exports: unused,
    imports: unused,
    queryFolder: folder,
    ...(queryDialogs ? { queryDialogs } : {}),
  })
  return createDispatcher(handlers)
}

describe('queries.* requests', () => {
  let base: string
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'quarry-query-handlers-')))
  })
  afterEach(() => rmSync(base, { recursive: true, force: true }))

  it('browser mode: saves and opens by name in the folder given at start; dialogs are refused with a reason', async () => {
    const dispatch = dispatcherWith(new QueryFolder(join(base, 'q'), base))
    const save = { name: 'daily.sql', sql: 'SELECT 1', connection: 'Sample', database: 'main' }
    expect(await dispatch('queries.save', save, client)).toMatchObject({ ok: true, value: { name: 'daily.sql' } })
    expect(await dispatch('queries.save', save, client)).toMatchObject({
      ok: false,
      error: { code: 'QUARRY_FILE_EXISTS' },
    })
    expect(await dispatch('queries.save', { ...save, overwrite: true }, client)).toMatchObject({ ok: true })
    expect(await dispatch('queries.open', { name: 'daily.sql' }, client)).toMatchObject({
      ok: true,
      value: { name: 'daily.sql', sql: 'SELECT 1', connection: 'Sample', database: 'main' },
    })
    expect(await dispatch('queries.list', {}, client)).toMatchObject({
      ok: true,
      value: { path: join(base, 'q'), canChoose: false, files: [{ name: 'daily.sql' }] },
    })
    expect(await dispatch('queries.open', {}, client)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'Browser mode has no file dialogs: pick a file in the sidebar' },
    })
    expect(await dispatch('queries.chooseFolder', {}, client)).toMatchObject({ ok: false })
  })

  it('refuses a name escaping the folder before any handler runs (schema in the contract)', async () => {
    const dispatch = dispatcherWith(new QueryFolder(join(base, 'q'), base))
    const result = await dispatch('queries.open', { name: '../query-folder.sql' }, client)
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'name' } })
  })

  it('desktop: the chosen folder is remembered across a restart; Open and Save as go through the dialogs', async () => {
    const chosen = join(base, 'mine')
    let saveAnswer: string | null = join(chosen, 'picked')
    const dialogs: QueryDialogs = {
      chooseFolder: async () => chosen,
      openQuery: async (folder) => join(folder, 'picked.sql'),
      saveQuery: async () => saveAnswer,
    }
    const dispatch = dispatcherWith(new QueryFolder(join(base, 'default'), base), dialogs)
    expect(await dispatch('queries.chooseFolder', {}, client)).toMatchObject({
      ok: true,
      value: { path: chosen, canChoose: true, files: [] },
    })
    expect(JSON.parse(readFileSync(join(base, QUERY_FOLDER_FILE), 'utf8')).path).toBe(chosen)
    expect(new QueryFolder(join(base, 'default'), base).current()).toBe(chosen)

    expect(await dispatch('queries.save', { sql: 'SELECT 2', connection: 'PG' }, client)).toMatchObject({
      ok: true,
      value: { name: 'picked.sql' },
    })
    expect(readFileSync(join(chosen, 'picked.sql'), 'utf8')).toBe('-- quarry: connection=PG\nSELECT 2')
    expect(await dispatch('queries.open', {}, client)).toMatchObject({ ok: true, value: { sql: 'SELECT 2' } })

    saveAnswer = join(base, 'elsewhere.sql')
    expect(await dispatch('queries.save', { sql: 'x', connection: 'PG' }, client)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/inside the queries folder/) },
    })
    saveAnswer = null
    expect(await dispatch('queries.save', { sql: 'x', connection: 'PG' }, client)).toEqual({ ok: true, value: null })
  })
})
