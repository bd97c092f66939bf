import { describe, expect, it } from 'vitest'
import type { ResultColumn } from '../../../../shared/contract/model'
import type { WireValue } from '../../../../shared/contract/values'
import { aggregateInSlices, aggregateNow, type AggregateSource } from './aggregate-run'
import { divideExact, exactText, parseDecimal } from './exact-number'
import { AggregateAccumulator } from './selection-aggregates'

const column = (type: string | null): ResultColumn => ({ name: 'c', type })
const fold = (values: WireValue[], type: string | null = null) => {
  const acc = new AggregateAccumulator()
  for (const value of values) acc.add(value, column(type))
  return acc.result()
}

describe('selection aggregates', () => {
  it('sums int64 values beyond 2^53 exactly (a double would lose the last digits)', () => {
    const big = { $: 'int', v: '9223372036854775807' } as const
    const result = fold([big, big, 1, null])
    expect(result).toMatchObject({ cells: 4, count: 3, distinct: 2, numbers: 3 })
    expect(result.sum).toBe('18446744073709551615')
    expect(result.avg).toBe('6148914691236517205')
    expect(result.min).toBe('1')
    expect(result.max).toBe('9223372036854775807')
  })

  it('sums decimals as decimals: 0.1 + 0.2 is 0.3, every digit of a numeric(38) kept', () => {
    expect(fold(['0.1', '0.2'], 'numeric(10,1)').sum).toBe('0.3')
    const wide = '12345678901234567890123456.789012345678'
    const result = fold([wide, wide, '-0.000000000001'], 'decimal(38,12)')
    expect(result.sum).toBe('24691357802469135780246913.578024691355')
    expect(result.min).toBe('-0.000000000001')
    expect(result.max).toBe(wide)
    expect(fold(['1.50', '1.5', '2'], 'numeric').distinct).toBe(2) // 1.50 and 1.5 are one value
    expect(fold(['1', '2', '2'], 'numeric').avg).toBe('1.666667')
  })

  it('text is counted, not summed; floats sum as doubles', () => {
    expect(fold(['a', 'b', 'a', ''])).toMatchObject({ count: 4, distinct: 3, numbers: 0, sum: null, min: null })
    expect(fold([1.5, 2.25, { $: 'float', v: 'Infinity' }])).toMatchObject({ sum: 'Infinity', max: 'Infinity' })
    expect(fold([0.5, 1])).toMatchObject({ sum: '1.5', avg: '0.75', min: '0.5', max: '1' })
    // Shown to 15 significant digits, as spreadsheets do: no rounding noise of the doubles' sum.
    expect(fold([0.1, 0.2])).toMatchObject({ sum: '0.3', avg: '0.15' })
    expect(fold([1000.1, 1927.75])).toMatchObject({ sum: '2927.85', avg: '1463.925' })
  })

  it("shows a float column's min and max as the grid does, in the engine's notation", () => {
    const source: AggregateSource = {
      columns: [column('double precision')],
      get: (row) => [1e20, 2.5][row] ?? null,
      engine: 'postgres',
    }
    expect(aggregateNow(source, { mode: 'cells', row0: 0, row1: 1, col0: 0, col1: 0 })).toMatchObject({
      min: '2.5',
      max: '1e+20',
    })
  })

  it('exact helpers', () => {
    expect(parseDecimal('-.5')).toEqual({ units: -5n, scale: 1 })
    expect(parseDecimal('abc')).toBeNull()
    expect(exactText({ units: -5n, scale: 3 })).toBe('-0.005')
    expect(exactText(divideExact({ units: -5n, scale: 0 }, 2n, 0))).toBe('-3') // half away from zero
    expect(exactText(divideExact({ units: 12345n, scale: 4 }, 1n, 2))).toBe('1.23')
  })

  it('a whole 1,000,000-row column: sliced work, no slice much over its budget, the same result', async () => {
    const rows = 1_000_000
    const source: AggregateSource = {
      columns: [column('bigint')],
      get: (row) => (row % 10 === 0 ? null : { $: 'int', v: `9007199254740${String(row % 1000).padStart(3, '0')}` }),
    }
    const rect = { row0: 0, row1: rows - 1, col0: 0, col1: 0, mode: 'columns' as const }
    expect(aggregateNow(source, rect)).toBeNull() // too big to do in a render
    let slices = 0
    let longest = 0
    let last = performance.now()
    const started = performance.now()
    const result = await aggregateInSlices(source, rect, new AbortController().signal, undefined, async () => {
      const now = performance.now()
      longest = Math.max(longest, now - last)
      slices++
      await new Promise((resolve) => setTimeout(resolve, 0))
      last = performance.now()
    })
    const totalMs = performance.now() - started
    console.log(
      `aggregates of 1,000,000 int64 cells: ${Math.round(totalMs)} ms in ${slices} slices, longest ${Math.round(longest)} ms`,
    )
    expect(result).toMatchObject({ cells: rows, count: 900_000, distinct: 900 })
    // Each 1,000 rows sum to 900 values of 9007199254740000 plus 0+1+…+999 less the multiples of ten.
    const perThousand = 900n * 9007199254740000n + BigInt((999 * 1000) / 2 - 10 * ((99 * 100) / 2))
    expect(result!.sum).toBe(String(perThousand * 1000n))
    expect(slices).toBeGreaterThan(10)
    // 8 ms slices; generous for a loaded 2-core machine (all of it at once takes 700 ms or more)
    expect(longest).toBeLessThan(400)
  })

  it('stops when aborted (the selection changed)', async () => {
    const source: AggregateSource = { columns: [column(null)], get: () => 1 }
    const controller = new AbortController()
    const rect = { row0: 0, row1: 999_999, col0: 0, col1: 0, mode: 'columns' as const }
    const result = aggregateInSlices(source, rect, controller.signal, undefined, async () => controller.abort())
    expect(await result).toBeNull()
  })
})
