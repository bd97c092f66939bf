import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { EngineId, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { TID } from '../test-ids'
import { newConnectionForm } from './connection-form'
import { FilePathField } from './file-path-field'
import { browseInto, filePickerFor, TYPED_PATH_NOTE } from './file-picker'
import type { FilePicker } from './file-picker'

const form = (engine: EngineId, file = '') => ({ ...newConnectionForm(engine), file })
const answer = (value: Result<{ path: string | null }>) => async () => value
const native: FilePicker = { kind: 'native', choose: answer({ ok: true, value: { path: '/x' } }) }

const render = (engine: EngineId, picker: FilePicker | null): string =>
  renderToStaticMarkup(createElement(FilePathField, { values: form(engine), errors: {}, onChange: () => {}, picker }))

describe('the File field’s Browse… button', () => {
  it('is there on the desktop, for every file engine', () => {
    for (const engine of ['duckdb', 'sqlite'] as const)
      expect(render(engine, native)).toContain(TID.connectionFileBrowse)
    expect(render('duckdb', native)).not.toContain(TID.connectionFileNote)
  })

  it('is not there in browser mode, which says to type the path instead', () => {
    const html = render('duckdb', { kind: 'typed' })
    expect(html).not.toContain(TID.connectionFileBrowse)
    expect(html).toContain(TID.connectionFileNote)
    expect(html).toContain(TYPED_PATH_NOTE)
    expect(html).toContain(TID.connectionFile)
  })

  it('shows neither while the host is not known yet', () => {
    const html = render('duckdb', null)
    expect(html).not.toContain(TID.connectionFileBrowse)
    expect(html).not.toContain(TID.connectionFileNote)
  })

  it('the picker follows the host: main’s dialog on the desktop, typing in the browser', async () => {
    const calls: unknown[][] = []
    const client = {
      call: async (...args: unknown[]) => {
        calls.push(args)
        return { ok: true, value: { path: '/data/a.csv' } }
      },
    } as unknown as QuarryClient
    expect(filePickerFor(null, client)).toBeNull()
    expect(filePickerFor('browser', client)).toEqual({ kind: 'typed' })
    const desktop = filePickerFor('electron', client)
    if (desktop?.kind !== 'native') throw new Error('expected the native picker')
    await desktop.choose('duckdb')
    expect(calls).toEqual([['files.choose', { engine: 'duckdb' }]])
  })

  it('puts the chosen path in File, keeps the form when dismissed, and reports a failure', async () => {
    const values = form('duckdb', '/old.csv')
    const asked: EngineId[] = []
    const chosen = await browseInto(values, async (engine) => {
      asked.push(engine)
      return { ok: true, value: { path: '/data/trips.parquet' } }
    })
    expect(asked).toEqual(['duckdb'])
    expect(chosen).toEqual({ values: { ...values, file: '/data/trips.parquet' } })

    const dismissed = await browseInto(values, answer({ ok: true, value: { path: null } }))
    expect(dismissed).toEqual({ values })
    if ('values' in dismissed) expect(dismissed.values).toBe(values)

    const error = { kind: 'invalid-input' as const, message: 'no picker' }
    expect(await browseInto(values, answer({ ok: false, error }))).toEqual({ error })
  })
})
