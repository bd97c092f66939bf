import { describe, expect, it } from 'vitest'
import { connectionProfileSchema } from '../../../shared/contract'
import { BROWSER_DROP_NOTICE, dropHint, planDrop } from './file-drop'

describe('dropping a file on the window', () => {
  it('opens a data file with the engine its extension names, as a connection named after it', () => {
    const plan = planDrop({ name: 'measurements.csv', path: '/data/measurements.csv' })
    expect(plan).toEqual({
      kind: 'open',
      engine: 'duckdb',
      path: '/data/measurements.csv',
      profile: { name: 'measurements', engine: 'duckdb', file: '/data/measurements.csv' },
    })
    // What main will accept, as is.
    if (plan.kind === 'open') expect(connectionProfileSchema.safeParse(plan.profile).success).toBe(true)
  })

  it('opens a .db or .sqlite file as SQLite', () => {
    expect(planDrop({ name: 'shop.db', path: '/data/shop.db' })).toMatchObject({ kind: 'open', engine: 'sqlite' })
    expect(planDrop({ name: 's.sqlite', path: '/s.sqlite' })).toMatchObject({ kind: 'open', engine: 'sqlite' })
  })

  it('in browser mode (no path) says to type the path', () => {
    expect(planDrop({ name: 'measurements.csv', path: '' })).toEqual({ kind: 'notice', text: BROWSER_DROP_NOTICE })
    expect(planDrop({ name: 'measurements.csv' })).toEqual({ kind: 'notice', text: BROWSER_DROP_NOTICE })
    expect(BROWSER_DROP_NOTICE).toMatch(/type the file’s path/)
  })

  it('says which files it opens when the extension is none of them', () => {
    const plan = planDrop({ name: 'photo.png', path: '/home/me/photo.png' })
    expect(plan.kind).toBe('notice')
    if (plan.kind !== 'notice') return
    expect(plan.text).toMatch(/cannot open photo\.png by a drop/)
    for (const extension of ['.csv', '.parquet', '.json', '.duckdb', '.sqlite', '.db'])
      expect(plan.text).toContain(extension)
    expect(dropHint(true)).toContain('.duckdb')
    expect(dropHint(false)).toMatch(/type its path/)
  })
})
