import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ER_LAYOUTS_FILE, ErLayoutStore } from '../../src/main/services/er-layout-store'
import { MAX_LAYOUT_TABLES, MAX_LAYOUTS, methods } from '../../src/shared/contract'

const ref = { connectionId: 'c1', database: 'shop', schema: 'public' }

describe('ErLayoutStore', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-er-layouts-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps a layout per connection, database and schema across a restart', async () => {
    const store = new ErLayoutStore(dir)
    expect(store.load(ref)).toEqual({ positions: {}, laid: null })
    const layout = { positions: { orders: [10, 20] as [number, number] }, laid: { hash: 'ab12', positions: {} } }
    await store.save(ref, layout)
    await store.save({ ...ref, schema: 'other' }, { positions: { t: [1, 2] }, laid: null })
    const restarted = new ErLayoutStore(dir)
    expect(restarted.load(ref)).toEqual(layout)
    expect(restarted.load({ ...ref, schema: 'other' })).toEqual({ positions: { t: [1, 2] }, laid: null })
    expect(restarted.load({ ...ref, connectionId: 'c2' })).toEqual({ positions: {}, laid: null })
  })

  it('forgets a layout saved empty, and keeps the most recently saved MAX_LAYOUTS', async () => {
    const store = new ErLayoutStore(dir)
    await store.save(ref, { positions: { a: [0, 0] }, laid: null })
    await store.save(ref, { positions: {}, laid: null })
    expect(new ErLayoutStore(dir).load(ref)).toEqual({ positions: {}, laid: null })
    for (let i = 0; i <= MAX_LAYOUTS; i++)
      await store.save({ ...ref, schema: `s${i}` }, { positions: { a: [i, i] }, laid: null }, i)
    const restarted = new ErLayoutStore(dir)
    expect(restarted.load({ ...ref, schema: 's0' }).positions).toEqual({})
    expect(restarted.load({ ...ref, schema: `s${MAX_LAYOUTS}` }).positions).toEqual({ a: [MAX_LAYOUTS, MAX_LAYOUTS] })
  })

  it('keeps a damaged file aside and starts empty, saying so', () => {
    writeFileSync(join(dir, ER_LAYOUTS_FILE), '{ not json')
    const store = new ErLayoutStore(dir)
    expect(store.load(ref)).toEqual({ positions: {}, laid: null })
    expect(store.problem).toMatch(/damaged/)
    expect(readdirSync(dir).some((name) => name.startsWith(`${ER_LAYOUTS_FILE}.corrupt-`))).toBe(true)
  })
})

describe('er.saveLayout payload', () => {
  const input = methods['er.saveLayout'].input
  const valid = { ...ref, layout: { positions: { orders: [1.5, -2] }, laid: null } }

  it('takes a layout of finite places', () => {
    expect(input.safeParse(valid).success).toBe(true)
  })

  it('refuses non-finite or huge coordinates, bad hashes, unknown fields and too many tables', () => {
    const bad = [
      { ...valid, layout: { positions: { orders: [Number.NaN, 0] }, laid: null } },
      { ...valid, layout: { positions: { orders: [1e9, 0] }, laid: null } },
      { ...valid, layout: { positions: { orders: [1] }, laid: null } },
      { ...valid, layout: { positions: {}, laid: { hash: 'not hex!', positions: {} } } },
      { ...valid, extra: 1 },
      {
        ...valid,
        layout: {
          positions: Object.fromEntries(Array.from({ length: MAX_LAYOUT_TABLES + 1 }, (_, i) => [`t${i}`, [0, 0]])),
          laid: null,
        },
      },
    ]
    for (const payload of bad) expect(input.safeParse(payload).success).toBe(false)
  })
})
