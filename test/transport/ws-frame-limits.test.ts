import { describe, expect, it } from 'vitest'
import {
  MAX_EDIT_FRAME_VALUES,
  MAX_FRAME_DEPTH,
  MAX_FRAME_VALUES,
  parseWsRequest,
  WS_MAX_PAYLOAD,
} from '../../src/main/transport/ws-protocol'

const timed = <T>(work: () => T): { value: T; ms: number } => {
  const started = performance.now()
  const value = work()
  return { value, ms: Math.round(performance.now() - started) }
}

/** A request whose input is `depth` arrays inside each other. */
const nested = (depth: number) => `{"id":7,"method":"app.info","input":${'['.repeat(depth)}${']'.repeat(depth)}}`

describe('WebSocket frames: depth and size are capped before JSON.parse', () => {
  it('refuses a 10 MB deeply nested frame quickly, naming the limit, and keeps its id', () => {
    const frame = nested(5 * 1024 * 1024)
    expect(frame.length).toBeGreaterThan(10_000_000)
    expect(frame.length).toBeLessThan(WS_MAX_PAYLOAD)
    const { value, ms } = timed(() => parseWsRequest(frame))
    // Against a frame of the same size that is parsed: no slower than reading it (a parse that followed
    // every level would be far slower, or overflow the stack). 0.2 s quiet, 0.66 s at load 18.
    const sameSize = JSON.stringify({ id: 1, method: 'app.info', input: 'x'.repeat(frame.length) })
    const plain = timed(() => parseWsRequest(sameSize))
    console.log(`[ws frames] 10 MB nested frame refused in ${ms} ms (a 10 MB string frame parsed in ${plain.ms} ms)`)
    expect(value).toMatchObject({ id: 7, error: expect.stringMatching(/nested deeper than 64/) })
    expect(ms).toBeLessThan(Math.max(4 * plain.ms, 500))
  })

  it('refuses a frame of too many values (a flat array of a million zeros)', () => {
    const frame = `{"id":8,"method":"app.info","input":[${Array(1_000_000).fill('0').join(',')}]}`
    const { value, ms } = timed(() => parseWsRequest(frame))
    console.log(`[ws frames] ${(frame.length / 1e6).toFixed(1)} MB flat frame refused in ${ms} ms`)
    expect(value).toMatchObject({ error: expect.stringMatching(/more than 100000 values/) })
  })

  it('leaves normal frames alone: a 10 MB SQL string, brackets inside strings, escaped quotes, the deepest allowed', () => {
    const sql = `SELECT '${'[{'.repeat(10)}\\"' AS x, ${'1, '.repeat(3_000_000)}1`
    const frame = JSON.stringify({ id: 9, method: 'query.start', input: { connectionId: 'c', queryId: 'q', sql } })
    const { value, ms } = timed(() => parseWsRequest(frame))
    console.log(`[ws frames] ${(frame.length / 1e6).toFixed(1)} MB query frame parsed in ${ms} ms`)
    expect(value).toEqual({ id: 9, method: 'query.start', input: { connectionId: 'c', queryId: 'q', sql } })
    expect(parseWsRequest(nested(MAX_FRAME_DEPTH - 1))).toMatchObject({ id: 7, method: 'app.info' })
    const many = {
      id: 10,
      method: 'tabs.save',
      input: Array.from({ length: MAX_FRAME_VALUES / 5 }, (_, i) => [i, 'x']),
    }
    expect(parseWsRequest(JSON.stringify(many))).toMatchObject({ id: 10 })
  })

  it('lets edits.preview/edits.apply frames hold up to a million values, and no other method', () => {
    const values = Array(400_000).fill('0').join(',')
    const apply = `{"id":11,"method":"edits.apply","input":[${values}]}`
    expect(parseWsRequest(apply)).toMatchObject({ id: 11, method: 'edits.apply' })
    expect(parseWsRequest(apply.replace('edits.apply', 'edits.preview'))).toMatchObject({ method: 'edits.preview' })
    expect(parseWsRequest(apply.replace('edits.apply', 'tabs.save'))).toMatchObject({
      id: 11,
      error: expect.stringMatching(/more than 100000 values/),
    })
    // The method is read where the page puts it; a second "method" key cannot borrow the larger limit.
    const twice = `{"id":12,"method":"edits.apply","input":[${values}],"method":"tabs.save"}`
    expect(parseWsRequest(twice)).toMatchObject({ id: 12, error: 'Malformed message: method named twice' })
    const over = `{"id":13,"method":"edits.apply","input":[${Array(MAX_EDIT_FRAME_VALUES).fill('0').join(',')}]}`
    expect(parseWsRequest(over)).toMatchObject({ error: expect.stringMatching(/more than 1000000 values/) })
  })
})
