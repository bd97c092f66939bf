import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as FsPromises from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { StateFile, schemaParser } from '../../src/main/services/state-file'

/** Where a write "crashes": the rename that would publish the temporary file never happens. */
const crash = vi.hoisted(() => ({ atRename: false }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>()
  return {
    ...actual,
    rename: (from: string, to: string) =>
      // A process killed here never returns, never cleans up: the promise never settles.
      crash.atRename ? new Promise<void>(() => undefined) : actual.rename(from, to),
  }
})

const schema = z.object({ version: z.literal(1), tabs: z.array(z.string()) }).strict()
type Tabs = z.infer<typeof schema>
const empty: Tabs = { version: 1, tabs: [] }

describe('StateFile', () => {
  let dir: string
  let path: string
  const open = () => new StateFile(path, empty, schemaParser(schema))
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-state-'))
    path = join(dir, 'tabs.json')
    crash.atRename = false
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('survives a crash mid-write: the temporary file is left behind, the original is intact and is what loads', async () => {
    const file = open()
    await file.replace({ version: 1, tabs: ['SELECT 1'] })
    const before = readFileSync(path, 'utf8')
    crash.atRename = true
    void file.replace({ version: 1, tabs: ['SELECT 1', 'SELECT 2'] })
    await vi.waitFor(() => expect(readdirSync(dir).some((n) => n.startsWith('tabs.json.tmp-'))).toBe(true))
    // The temporary file holds the whole new value (written and fsynced before the rename)…
    const temporary = readdirSync(dir).find((n) => n.startsWith('tabs.json.tmp-'))!
    await vi.waitFor(() => expect(readFileSync(join(dir, temporary), 'utf8')).toContain('SELECT 2'))
    // …while the file itself is untouched, and a restart reads it without a problem.
    expect(readFileSync(path, 'utf8')).toBe(before)
    crash.atRename = false
    const restarted = open()
    expect(restarted.value).toEqual({ version: 1, tabs: ['SELECT 1'] })
    expect(restarted.problem).toBeNull()
    await restarted.replace({ version: 1, tabs: ['after'] })
    expect(open().value.tabs).toEqual(['after'])
  })

  it('is never half-written: a crash at any byte of the text cannot be what a restart reads', async () => {
    // Half a file can only exist under a temporary name: the real name always holds a whole value.
    const file = open()
    for (let n = 0; n < 20; n++) await file.replace({ version: 1, tabs: Array.from({ length: n }, (_, i) => `t${i}`) })
    expect(readdirSync(dir)).toEqual(['tabs.json'])
    expect(open().value.tabs).toHaveLength(19)
  })

  it.each([
    ['damaged', '{"version": 1, "tabs": ['],
    ['foreign', '{"some": "other program"}'],
  ])(
    'reports a %s file as a typed problem, keeps it aside byte for byte, and never replaces it',
    async (kind, text) => {
      writeFileSync(path, text)
      const file = open()
      expect(file.value).toEqual(empty)
      expect(file.problem).toMatchObject({
        file: 'tabs.json',
        kind,
        keptAs: expect.stringContaining('tabs.json.corrupt-'),
      })
      expect(readFileSync(file.problem!.keptAs!, 'utf8')).toBe(text)
      await file.replace({ version: 1, tabs: ['new'] })
      expect(readFileSync(file.problem!.keptAs!, 'utf8')).toBe(text)
    },
  )

  it('refuses to write over a file it could not read (a directory in its place)', async () => {
    const blocked = join(dir, 'blocked.json')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(blocked)
    const file = new StateFile(blocked, empty, schemaParser(schema))
    expect(file.problem).toMatchObject({ kind: 'unreadable' })
    await expect(file.replace({ version: 1, tabs: [] })).rejects.toMatchObject({ error: { kind: 'internal' } })
  })
})
