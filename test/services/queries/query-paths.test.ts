import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { queryFileNameProblem } from '../../../src/shared/contract'
import { nameInFolder, resolveQueryFile } from '../../../src/main/services/queries/query-paths'

describe('saved query names and paths', () => {
  let base: string
  let folder: string
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'quarry-query-paths-')))
    folder = join(base, 'queries')
    mkdirSync(join(folder, 'reports'), { recursive: true })
    writeFileSync(join(base, 'secret.sql'), 'outside')
  })
  afterEach(() => rmSync(base, { recursive: true, force: true }))

  it('accepts relative .sql names, in subfolders too, and says why others are refused', () => {
    expect(queryFileNameProblem('monthly.sql')).toBeNull()
    expect(queryFileNameProblem('reports/Monthly Total.SQL')).toBeNull()
    expect(queryFileNameProblem('monthly.txt')).toMatch(/end in \.sql/)
    for (const name of [
      '../secret.sql',
      'reports/../../secret.sql',
      '/etc/x.sql',
      'a//b.sql',
      './a.sql',
      '.hidden.sql',
    ]) {
      expect(queryFileNameProblem(name), name).toMatch(/inside the queries folder/)
    }
    for (const name of ['..\\secret.sql', 'C:secret.sql', 'a\u0000.sql', 'a\nb.sql']) {
      expect(queryFileNameProblem(name), JSON.stringify(name)).toMatch(/control characters/)
    }
  })

  it('resolves a name under the folder, existing or not', async () => {
    writeFileSync(join(folder, 'reports', 'a.sql'), 'SELECT 1')
    expect(await resolveQueryFile(folder, 'reports/a.sql')).toEqual({
      root: folder,
      path: join(folder, 'reports', 'a.sql'),
      exists: true,
    })
    expect((await resolveQueryFile(folder, 'new.sql')).exists).toBe(false)
  })

  it('refuses to escape the folder through .. or a symbolic link (file or folder on the way)', async () => {
    await expect(resolveQueryFile(folder, '../secret.sql')).rejects.toMatchObject({
      error: { kind: 'invalid-input', path: 'name' },
    })
    symlinkSync(join(base, 'secret.sql'), join(folder, 'link.sql'))
    symlinkSync(base, join(folder, 'up'))
    await expect(resolveQueryFile(folder, 'link.sql')).rejects.toThrow(/link\.sql is a symbolic link/)
    await expect(resolveQueryFile(folder, 'up/secret.sql')).rejects.toThrow(/up is a symbolic link/)
    await expect(resolveQueryFile(folder, 'missing/a.sql')).rejects.toMatchObject({ error: { kind: 'not-found' } })
  })

  it('creates a missing folder, and resolves through a folder that is itself reached by a link', async () => {
    symlinkSync(folder, join(base, 'alias'))
    expect((await resolveQueryFile(join(base, 'alias'), 'a.sql')).path).toBe(join(folder, 'a.sql'))
    const fresh = join(base, 'fresh', 'queries')
    expect((await resolveQueryFile(fresh, 'a.sql')).root).toBe(fresh)
  })

  it('turns a dialog pick into a name inside the folder, and refuses one outside it', async () => {
    expect(await nameInFolder(folder, join(folder, 'reports', 'x.sql'))).toBe('reports/x.sql')
    expect(await nameInFolder(folder, join(folder, 'no-extension'))).toBe('no-extension.sql')
    await expect(nameInFolder(folder, join(base, 'secret.sql'))).rejects.toThrow(/inside the queries folder/)
    symlinkSync(base, join(folder, 'up'))
    await expect(nameInFolder(folder, join(folder, 'up', 'secret.sql'))).rejects.toThrow(/inside the queries folder/)
  })
})
