import { describe, expect, it } from 'vitest'
import { frameTooLarge, methods } from '../../src/shared/contract'
import { parseWsRequest } from '../../src/main/transport/ws-protocol'

const COLUMNS = 15
const CHANGES = 10_000

/** A row shaped like the sample's events, widened to 15 columns: ids, timestamps, text. */
function row(i: number): Record<string, unknown> {
  const r: Record<string, unknown> = { id: i, created_at: '2024-03-01 12:34:56', kind: 'page_view' }
  for (let c = 3; c < COLUMNS; c++) r[`col_${c}`] = `value ${i}-${c} some words of event text, like a user agent`
  return r
}

/** 10,000 changes: updates (original = key + changed column, as the page sends them) and deletes (whole row). */
function applyFrame(allDeletes = false): string {
  const changes = Array.from({ length: CHANGES }, (_, i) =>
    allDeletes || i % 10 === 9
      ? { op: 'delete', original: row(i) }
      : { op: 'update', original: { id: i, col_5: row(i).col_5 }, set: { col_5: { value: `edited ${i}` } } },
  )
  const input = { connectionId: 'c1', target: { schema: null, table: 'events' }, changes, applyId: 'a1' }
  return JSON.stringify({ id: 1, method: 'edits.apply', input })
}

describe('a 10,000-change apply frame in browser mode', () => {
  it.each([
    ['updates (one in ten a delete)', false],
    ['deletes (whole rows)', true],
  ])('of %s passes the frame checks and is parsed and validated in well under a second', (label, allDeletes) => {
    const frame = applyFrame(allDeletes)
    expect(frameTooLarge('edits.apply', frame)).toBeNull()
    const times: number[] = []
    for (let run = 0; run < 3; run++) {
      const started = performance.now()
      const request = parseWsRequest(frame)
      if ('error' in request) throw new Error(request.error)
      const parsed = methods['edits.apply'].input.safeParse(request.input)
      times.push(performance.now() - started)
      expect(parsed.success).toBe(true)
    }
    const best = Math.round(Math.min(...times))
    console.log(
      `[edit frames] ${CHANGES} ${label}, ${COLUMNS}-column table, ${(frame.length / 1e6).toFixed(1)} MB: ` +
        `parse + validation ${times.map((t) => Math.round(t)).join(' / ')} ms`,
    )
    expect(best).toBeLessThan(1000)
  })
})
