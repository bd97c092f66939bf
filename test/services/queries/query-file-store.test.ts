import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QUERY_FILE_EXISTS_CODE } from '../../../src/shared/contract'
import { MAX_QUERY_FILE_BYTES, QueryFileStore } from '../../../src/main/services/queries/query-file-store'

describe('QueryFileStore', () => {
  let base: string
  let folder: string
  let store: QueryFileStore
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'quarry-query-files-')))
    folder = join(base, 'queries')
    store = new QueryFileStore(() => folder)
  })
  afterEach(() => rmSync(base, { recursive: true, force: true }))

  it('writes the SQL under its connection header and reads it back exactly', async () => {
    const sql = "SELECT 'é ✓', 1e20\r\nFROM t;\n\n"
    const saved = await store.write('first.sql', sql, { connection: 'Sample', database: 'main' }, false)
    expect(saved.name).toBe('first.sql')
    expect(readFileSync(join(folder, 'first.sql'), 'utf8')).toBe(`-- quarry: connection=Sample; database=main\n${sql}`)
    expect(await store.read('first.sql')).toEqual({
      name: 'first.sql',
      sql,
      connection: 'Sample',
      database: 'main',
      modifiedMs: saved.modifiedMs,
    })
  })

  it('replaces an existing file only when asked, and leaves no temporary file behind', async () => {
    await store.write('a.sql', 'SELECT 1', { connection: 'S', database: null }, false)
    await expect(store.write('a.sql', 'SELECT 2', { connection: 'S', database: null }, false)).rejects.toMatchObject({
      error: { kind: 'invalid-input', code: QUERY_FILE_EXISTS_CODE },
    })
    expect((await store.read('a.sql')).sql).toBe('SELECT 1')
    await store.write('a.sql', 'SELECT 2', { connection: 'S', database: null }, true)
    expect((await store.read('a.sql')).sql).toBe('SELECT 2')
    expect(readdirSync(folder)).toEqual(['a.sql'])
  })

  it('lists .sql files by name, subfolders included, skipping hidden entries, links and other files', async () => {
    mkdirSync(join(folder, 'reports', 'old'), { recursive: true })
    mkdirSync(join(folder, '.git'))
    writeFileSync(join(folder, 'b.sql'), 'SELECT 2')
    writeFileSync(join(folder, 'A.SQL'), 'SELECT 1')
    writeFileSync(join(folder, 'notes.txt'), 'x')
    writeFileSync(join(folder, '.git', 'x.sql'), 'x')
    writeFileSync(join(folder, 'reports', 'monthly.sql'), 'SELECT 3')
    writeFileSync(join(folder, 'reports', 'old', 'y.sql'), 'SELECT 4')
    writeFileSync(join(base, 'outside.sql'), 'x')
    symlinkSync(join(base, 'outside.sql'), join(folder, 'link.sql'))
    symlinkSync(base, join(folder, 'up'))
    const listing = await store.list()
    expect(listing.path).toBe(folder)
    expect(listing.files.map((file) => file.name)).toEqual([
      'A.SQL',
      'b.sql',
      'reports/monthly.sql',
      'reports/old/y.sql',
    ])
    expect(listing.files[1]).toMatchObject({ size: 8 })
    expect(listing.skipped).toBe(0)
  })

  it("sweeps temporary files a crashed save left (writer gone) and keeps a running writer's", async () => {
    mkdirSync(join(folder, 'sub'), { recursive: true })
    // Above Linux's largest pid (2^22): never a running process.
    const crashed = '.quarry-saving-4194305-0123456789ab.sql-tmp'
    const running = `.quarry-saving-${process.pid}-0123456789ab.sql-tmp`
    writeFileSync(join(folder, 'sub', crashed), 'half')
    writeFileSync(join(folder, running), 'in progress')
    writeFileSync(join(folder, '.quarry-saving-notes.txt'), 'not ours')
    expect((await store.list()).files).toEqual([])
    expect(readdirSync(join(folder, 'sub'))).toEqual([])
    expect(readdirSync(folder).sort()).toEqual(['.quarry-saving-notes.txt', running, 'sub'].sort())
  })

  it('lists a folder that does not exist yet as empty (creating it)', async () => {
    expect(await store.list()).toEqual({ path: folder, files: [], skipped: 0 })
  })

  it('refuses to read a file past the size limit, naming sizes', async () => {
    mkdirSync(folder)
    writeFileSync(join(folder, 'big.sql'), Buffer.alloc(MAX_QUERY_FILE_BYTES + 1, 0x20))
    await expect(store.read('big.sql')).rejects.toThrow(/big\.sql is 10\.0 MiB: saved queries open up to 10\.0 MiB/)
  })

  it('says clearly when the disk refuses the write (the folder is a file)', async () => {
    writeFileSync(join(base, 'blocked'), 'not a folder')
    const blocked = new QueryFileStore(() => join(base, 'blocked'))
    await expect(blocked.write('a.sql', 'SELECT 1', { connection: 'S', database: null }, false)).rejects.toThrow(
      /^The queries folder .*blocked cannot be used: EEXIST/,
    )
    await expect(store.read('missing.sql')).rejects.toMatchObject({ error: { kind: 'not-found' } })
  })
})
