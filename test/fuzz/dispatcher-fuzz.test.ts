import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { attachElectronIpc } from '../../src/main/transport/electron-ipc'
import { METHOD_NAMES } from '../../src/shared/contract'
import { recordingClient } from '../services/recording-client'
import { accepted, fuzzServices, methodShapes, resultProblem } from './fuzz-services'
import { hugeText, mutated, randomText, randomValue } from './fuzz-values'
import { settledHeapMiB } from './heap'
import { createPrng, fuzzSeed } from './prng'
import type { Prng } from './prng'

const ROUNDS_PER_METHOD = 200
const HUGE_PER_METHOD = 2

/** One hostile request: a mutated, random or huge input, to a real or a made-up method name. */
function hostileCall(rng: Prng, shapes: ReturnType<typeof methodShapes>): [unknown, unknown] {
  const [name, shape] = rng.pick(shapes)
  const roll = rng.int(0, 9)
  if (roll < 6) return [name, mutated(rng, shape)]
  if (roll < 8) return [name, randomValue(rng)]
  const method = rng.pick([
    randomText(rng, 20),
    `${name} `,
    name.toUpperCase(),
    '__proto__',
    'constructor',
    'hasOwnProperty',
    randomValue(rng),
  ])
  return [method, randomValue(rng)]
}

describe('fuzz: every contract method through the dispatcher and the Electron IPC handler', () => {
  const rig = fuzzServices()
  const { services } = rig
  const seed = fuzzSeed('dispatcher fuzz')
  const shapes = methodShapes()

  beforeAll(async () => {
    // Warm up what a first call initialises (schemas, the sample's engine process) before the baseline.
    const { client } = recordingClient()
    await services.dispatch('connections.list', {}, client)
    await services.dispatch('meta.databases', { connectionId: 'sample' }, client)
  })
  afterAll(() => rig.dispose())

  it(`answers ${ROUNDS_PER_METHOD} hostile calls per method with typed errors, keeps serving, and gives memory back`, async () => {
    const rng = createPrng(seed)
    const recorder = recordingClient()
    const before = await settledHeapMiB()
    const problems: string[] = []
    let refused = 0
    let reachedHandlers = 0
    const total = ROUNDS_PER_METHOD * shapes.length
    for (let i = 0; i < total; i += 50) {
      // 50 at a time, as a page firing calls without waiting would.
      const calls = Array.from({ length: 50 }, () => hostileCall(rng, shapes))
      const results = await Promise.all(
        calls.map(([method, input]) =>
          services.dispatch(method, input, recorder.client).catch((thrown: unknown) => ({ thrown })),
        ),
      )
      results.forEach((result, k) => {
        const [method, input] = calls[k]!
        const mustRefuse = !accepted(method, input)
        if (mustRefuse) refused++
        else reachedHandlers++
        const problem = 'thrown' in result ? `threw ${String(result.thrown)}` : resultProblem(result, mustRefuse)
        if (problem) problems.push(`${safeName(method)}: ${problem}`)
      })
    }
    for (const name of METHOD_NAMES) {
      for (let k = 0; k < HUGE_PER_METHOD; k++) {
        const input = { connectionId: 'sample', queryId: 'huge', sql: hugeText(rng, 11), name: hugeText(rng, 3) }
        const result = await services.dispatch(name, input, recorder.client)
        const problem = resultProblem(result, true)
        if (problem) problems.push(`${name} (multi-MB): ${problem}`)
      }
    }
    recorder.disconnect()
    expect(problems.slice(0, 10)).toEqual([])
    expect(Object.prototype).not.toHaveProperty('polluted')
    // Still serving: a valid call after all that.
    const { client } = recordingClient()
    expect(await services.dispatch('connections.list', {}, client)).toMatchObject({ ok: true })
    expect(
      await services.dispatch('meta.tables', { connectionId: 'sample', database: 'sample', schema: 'main' }, client),
    ).toMatchObject({
      ok: true,
      value: [{ name: 't' }],
    })
    const after = await settledHeapMiB()
    console.log(
      `[dispatcher fuzz] ${total + METHOD_NAMES.length * HUGE_PER_METHOD} calls over ${METHOD_NAMES.length} methods: ` +
        `${refused} refused as invalid-input, ${reachedHandlers} valid-shaped reached the services; ` +
        `heap ${before.toFixed(1)} → ${after.toFixed(1)} MiB after gc`,
    )
    expect(after - before).toBeLessThan(16)
  })

  it('the Electron IPC handler answers hostile arguments with typed values, whatever their number or type', async () => {
    const rng = createPrng(seed + 1)
    let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null
    const ipcMain = {
      handle: (_: string, fn: typeof handler) => (handler = fn),
      removeHandler: () => {},
    } as unknown as IpcMain
    const url = 'file:///app/index.html'
    const contents = Object.assign(new EventEmitter(), { id: 7, isDestroyed: () => false, send: () => {} })
    const mainFrame = { url }
    Object.assign(contents, { mainFrame })
    attachElectronIpc(ipcMain, services.dispatch, (u) => u === url)
    const event = {
      sender: contents as unknown as WebContents,
      senderFrame: mainFrame,
    } as unknown as IpcMainInvokeEvent
    const problems: string[] = []
    for (let i = 0; i < 1000; i++) {
      const [method, input] = hostileCall(rng, shapes)
      const extra = Array.from({ length: rng.int(0, 2) }, () => randomValue(rng))
      const result = await handler!(event, method, input, ...extra).catch((thrown: unknown) => ({ thrown }))
      const problem =
        'thrown' in (result as object)
          ? `threw ${String((result as { thrown: unknown }).thrown)}`
          : resultProblem(result, !accepted(method, input))
      if (problem) problems.push(`${safeName(method)}: ${problem}`)
    }
    expect(problems.slice(0, 10)).toEqual([])
    expect(await handler!(event, 'app.info', {})).toMatchObject({ ok: true })
  })
})

function safeName(method: unknown): string {
  return typeof method === 'string' ? method.slice(0, 40) : typeof method
}
