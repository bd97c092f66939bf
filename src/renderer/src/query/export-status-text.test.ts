import { describe, expect, it } from 'vitest'
import { IDLE_EXPORT } from './export-run'
import { describeExport } from './export-status-text'

const idle = IDLE_EXPORT

describe('the export panel says what will run again', () => {
  it('names the statement for one result and the whole script for every result', () => {
    expect(describeExport(idle, true)).toMatch(/^The statement runs again/)
    expect(describeExport(idle, false, true)).toBe(
      'The whole script runs again on the server; every result goes straight to its file or sheet.',
    )
    expect(describeExport(idle, true, true)).toMatch(/^The whole script runs again.*download/)
  })
})
