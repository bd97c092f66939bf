import { describe, expect, it } from 'vitest'
import type { ImportResult } from '../../../shared/contract'
import { resultText } from './import-text'

const result = (overrides: Partial<ImportResult>): ImportResult => ({
  rowsWritten: 1_000_000,
  rejected: 0,
  rejectsFile: null,
  dryRun: false,
  elapsedMs: 2100,
  stoppedAt: null,
  path: 'rows',
  fileLoadError: null,
  ...overrides,
})

describe('resultText', () => {
  it('says which path wrote the rows: the engine loading the file, or row by row', () => {
    expect(resultText(result({ path: 'file' }), 'public.t', 'COPY')).toBe(
      'Imported 1,000,000 rows into public.t (2.1 s, loaded by COPY from the file).',
    )
    expect(resultText(result({ rejected: 2 }), 'public.t', 'COPY')).toBe(
      'Imported 1,000,000 rows into public.t, 2 rejected (2.1 s, row by row).',
    )
    expect(resultText(result({ path: 'file', dryRun: true }), 't', 'read_csv')).toBe(
      'Dry run: 1,000,000 rows would be written into t (2.1 s, loaded by read_csv from the file). Everything was rolled back.',
    )
  })
})
