import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startBrowserServer } from '../../src/main/transport/browser-server'
import type { BrowserServer } from '../../src/main/transport/browser-server'
import { WS_HARD_PAYLOAD } from '../../src/main/transport/ws-protocol'
import { credentialFor, credentialProtocols } from '../helpers/browser-session'
import { accepted, fuzzServices, methodShapes, resultProblem } from './fuzz-services'
import { hugeText, mutated, randomText, randomValue } from './fuzz-values'
import { settledHeapMiB } from './heap'
import { createPrng, fuzzSeed } from './prng'
import type { Prng } from './prng'

const FRAMES = 2000

/** What the server must say to a frame: an answer (to this id, or to no id), or close the socket. */
type Expectation = { kind: 'answer'; id: number | null; mustRefuse: boolean } | { kind: 'close'; code: number }

interface Frame {
  data: string | Buffer
  binary: boolean
  expect: Expectation
}

/** JSON as a client would send it; values JSON cannot spell (cycles) become a string. */
const json = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
  } catch {
    return JSON.stringify('unserialisable')
  }
}

/** One hostile frame and what the server owes it. */
function hostileFrame(rng: Prng, shapes: ReturnType<typeof methodShapes>, id: number): Frame {
  const [name, shape] = rng.pick(shapes)
  // Multi-MB frames cost ~0.5 s each on two cores: a handful a run is enough.
  const rare = rng.int(0, 999)
  if (rare < 3) return hugeFrame(rng, id)
  if (rare < 5)
    // Over the socket limit: it is closed with 1009, the server stays up.
    return {
      data: hugeText(rng, WS_HARD_PAYLOAD / 1024 / 1024 + 1),
      binary: false,
      expect: { kind: 'close', code: 1009 },
    }
  if (rare < 30)
    // Not UTF-8 in a text frame: the socket is closed with 1007.
    return {
      data: Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]),
      binary: false,
      expect: { kind: 'close', code: 1007 },
    }
  const roll = rng.int(0, 89)
  if (roll < 55) {
    // A well-formed envelope around a mutated or random input (as JSON carries it).
    const input: unknown = JSON.parse(json({ v: rng.chance(0.75) ? mutated(rng, shape) : randomValue(rng) }) ?? '{}').v
    return {
      data: json({ id, method: name, input }),
      binary: false,
      expect: { kind: 'answer', id, mustRefuse: !accepted(name, input) },
    }
  }
  if (roll < 58) {
    // Nesting far deeper than any recursive parser or validator should follow.
    const depth = rng.int(5_000, 50_000)
    const data = `{"id":${id},"method":"${name}","input":${'['.repeat(depth)}${']'.repeat(depth)}}`
    return { data, binary: false, expect: { kind: 'answer', id, mustRefuse: true } }
  }
  if (roll < 65) {
    const method = rng.pick([randomText(rng, 30), `${name}\u0000`, '__proto__', 'constructor'])
    return {
      data: json({ id, method, input: {} }),
      binary: false,
      expect: { kind: 'answer', id, mustRefuse: !accepted(method, {}) },
    }
  }
  if (roll < 75) {
    // Broken envelopes: no id, a non-integer id, no method, not an object, not JSON at all.
    const data = rng.pick([
      randomText(rng, 200),
      json(randomValue(rng)),
      json({ id: rng.pick([null, '1', 1.5, -0.5, 2 ** 60, true]), method: name, input: {} }),
      json({ method: name, input: {} }),
      '{"id": 1, "method": ',
      '[1, "app.info", {}]',
    ])
    return { data, binary: false, expect: { kind: 'answer', id: null, mustRefuse: true } }
  }
  if (roll < 80) {
    // A broken envelope that still carries an integer id: the answer goes to that id.
    return {
      data: json({ id, method: rng.pick([42, null, {}, ['app.info']]), input: {} }),
      binary: false,
      expect: { kind: 'answer', id, mustRefuse: true },
    }
  }
  const bytes = Buffer.alloc(rng.int(0, 4096))
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255)
  return { data: bytes, binary: true, expect: { kind: 'answer', id: null, mustRefuse: true } }
}

/** Multi-MB, under the frame limit: the contract's own limits refuse it. */
function hugeFrame(rng: Prng, id: number): Frame {
  const sql = hugeText(rng, rng.int(2, 10))
  const input = { connectionId: 'sample', queryId: randomText(rng, 8), sql, evil: 1 }
  return {
    data: json({ id, method: 'query.start', input }),
    binary: false,
    expect: { kind: 'answer', id, mustRefuse: true },
  }
}

describe('fuzz: the browser-mode WebSocket server with the real services', () => {
  const rig = fuzzServices()
  let server: BrowserServer
  let credential = ''
  let rendererDir = ''
  const seed = fuzzSeed('websocket fuzz')

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'quarry-fuzz-renderer-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quarry</title>')
    server = await startBrowserServer({ dispatch: rig.services.dispatch, rendererDir })
    credential = await credentialFor(server.port, server.url)
  })
  afterAll(async () => {
    await server.close()
    await rig.dispose()
    rmSync(rendererDir, { recursive: true, force: true })
  })

  const connect = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, credentialProtocols(credential), {
        headers: { origin: server.origin },
        maxPayload: 64 * 1024 * 1024,
      })
      ws.once('open', () => resolve(ws))
      ws.once('error', reject)
    })

  /** Sends one frame and waits for what it owes: its answer (events are skipped) or the close. */
  const exchange = (ws: WebSocket, frame: Frame) =>
    new Promise<{ answer?: { id: unknown; result: unknown }; closed?: number; silent?: true }>((resolve) => {
      const timer = setTimeout(() => done({ silent: true }), 5000)
      const onMessage = (data: WebSocket.RawData) => {
        const text = data.toString()
        if (text.startsWith('B')) return // a row batch of a query a valid-shaped call started
        const message = JSON.parse(text) as { id?: unknown; result?: unknown; event?: string }
        if (message.event) return
        if (frame.expect.kind === 'answer' && message.id !== frame.expect.id) return
        done({ answer: message as { id: unknown; result: unknown } })
      }
      const onClose = (code: number) => done({ closed: code })
      const done = (outcome: { answer?: { id: unknown; result: unknown }; closed?: number; silent?: true }) => {
        clearTimeout(timer)
        ws.off('message', onMessage)
        ws.off('close', onClose)
        resolve(outcome)
      }
      ws.on('message', onMessage)
      ws.on('close', onClose)
      ws.send(frame.data, { binary: frame.binary })
    })

  it(
    `answers ${FRAMES} hostile frames with typed errors or a clean close, keeps serving, and gives memory back`,
    { timeout: 60_000 },
    async () => {
      const rng = createPrng(seed)
      const shapes = methodShapes()
      let ws = await connect()
      // Warm-up round trip before the baseline.
      await exchange(ws, {
        data: json({ id: 0, method: 'connections.list', input: {} }),
        binary: false,
        expect: { kind: 'answer', id: 0, mustRefuse: false },
      })
      const before = await settledHeapMiB()
      const problems: string[] = []
      const counts = { answered: 0, closed: 0, reconnects: 0 }
      for (let i = 1; i <= FRAMES; i++) {
        const frame = hostileFrame(rng, shapes, i)
        const outcome = await exchange(ws, frame)
        if (frame.expect.kind === 'close') {
          if (outcome.closed !== frame.expect.code)
            problems.push(`#${i}: expected close ${frame.expect.code}, got ${json(outcome)?.slice(0, 200)}`)
          counts.closed++
        } else if (outcome.silent) {
          problems.push(`#${i}: no answer within 5 s to ${String(frame.data).slice(0, 120)}`)
          break
        } else if (outcome.closed !== undefined) {
          problems.push(`#${i}: socket closed (${outcome.closed}) instead of an answer`)
        } else {
          counts.answered++
          const problem = resultProblem(outcome.answer?.result, frame.expect.mustRefuse)
          if (problem) problems.push(`#${i}: ${problem}`)
        }
        if (ws.readyState !== WebSocket.OPEN) {
          ws = await connect()
          counts.reconnects++
        }
      }
      expect(problems.slice(0, 10)).toEqual([])
      expect(Object.prototype).not.toHaveProperty('polluted')
      // Still serving, on the old socket and on a new one.
      const valid = {
        data: json({
          id: 1e6,
          method: 'meta.tables',
          input: { connectionId: 'sample', database: 'sample', schema: 'main' },
        }),
        binary: false,
        expect: { kind: 'answer' as const, id: 1e6, mustRefuse: false },
      }
      expect((await exchange(ws, valid)).answer).toMatchObject({
        id: 1e6,
        result: { ok: true, value: [{ name: 't' }] },
      })
      ws.close()
      const fresh = await connect()
      expect((await exchange(fresh, valid)).answer).toMatchObject({ result: { ok: true } })
      fresh.close()
      await new Promise((resolve) => setTimeout(resolve, 100))
      const after = await settledHeapMiB()
      console.log(
        `[websocket fuzz] ${FRAMES} frames: ${counts.answered} answered, ${counts.closed} closed the socket as they should ` +
          `(${counts.reconnects} reconnects); heap ${before.toFixed(1)} → ${after.toFixed(1)} MiB after gc`,
      )
      expect(after - before).toBeLessThan(16)
    },
  )
})
