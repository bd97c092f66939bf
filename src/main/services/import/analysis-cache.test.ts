import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportAnalysis, ImportSource } from '../../../shared/contract/import-model'
import { AnalysisCache } from './analysis-cache'

describe('AnalysisCache', () => {
  let dir: string
  beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'quarry-analysis-cache-'))))
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('answers a file’s analysis only while it is read the same way and unchanged', async () => {
    const file = join(dir, 'a.csv')
    await writeFile(file, 'a,b\n1,2\n')
    const source: ImportSource = { file, format: 'delimited', delimiter: null, nullMarkers: [''] }
    const analysis = { file, rows: 1 } as ImportAnalysis
    const cache = new AnalysisCache()
    cache.keep(source, await cache.stamp(source), analysis)
    expect(await cache.recall(source)).toBe(analysis)
    expect(await cache.recall({ ...source, nullMarkers: ['', 'NULL'] })).toBeUndefined()
    expect(await cache.recall({ ...source, delimiter: ';' })).toBeUndefined()
    // Rewritten since (same size, a new modification time): no longer its analysis.
    await writeFile(file, 'a,b\n3,4\n')
    await utimes(file, new Date(), new Date(Date.now() + 5000))
    expect(await cache.recall(source)).toBeUndefined()
    await rm(file)
    expect(await cache.recall(source)).toBeUndefined()
  })
})
