import { describe, expect, it } from 'vitest'
import { connectionNameForFile, engineForDroppedFile, extensionOf, fileNameOf, pickerFiltersOf } from './engine-files'
import { ENGINE_LIST } from './engine-list'

describe('files and engines, from the descriptors', () => {
  it.each([
    ['/data/measurements.csv', 'duckdb'],
    ['/data/tab.tsv', 'duckdb'],
    ['/data/trips.PARQUET', 'duckdb'],
    ['/data/events.json', 'duckdb'],
    ['/data/events.jsonl', 'duckdb'],
    ['/data/events.ndjson', 'duckdb'],
    ['/data/shop.duckdb', 'duckdb'],
    ['/data/shop.sqlite', 'sqlite'],
    ['/data/shop.sqlite3', 'sqlite'],
    ['/data/shop.db', 'sqlite'],
    ['C:\\Users\\me\\shop.DB', 'sqlite'],
    ['/data/notes.txt.gz', null],
    ['/data/README', null],
    ['/data/.csv', null],
    ['/data/archive.zip', null],
  ])('a dropped %s opens with %s', (path, engine) => {
    expect(engineForDroppedFile(path)).toBe(engine)
  })

  it('no extension is claimed by two engines on a drop', () => {
    const claims = ENGINE_LIST.flatMap((engine) => engine.files?.opensOnDrop ?? [])
    expect(claims.length).toBeGreaterThan(0)
    expect(new Set(claims).size).toBe(claims.length)
    for (const extension of claims) expect(extension).toMatch(/^[a-z0-9]+$/)
  })

  it('only file engines have files, and every file engine has a picker', () => {
    for (const engine of ENGINE_LIST) expect(engine.files !== undefined).toBe(engine.target === 'file')
    expect(pickerFiltersOf('postgres')).toBeNull()
    expect(pickerFiltersOf('duckdb')?.at(-1)).toEqual({ name: 'All files', extensions: ['*'] })
  })

  it('names a connection after its file, whichever separator the path uses', () => {
    expect(connectionNameForFile('/data/measurements.csv')).toBe('measurements')
    expect(connectionNameForFile('C:\\data\\trips.2024.parquet')).toBe('trips.2024')
    expect(connectionNameForFile('/data/.hidden')).toBe('.hidden')
    expect(fileNameOf('C:\\data\\a.csv')).toBe('a.csv')
    expect(extensionOf('/dir.v2/file')).toBe('')
  })
})
