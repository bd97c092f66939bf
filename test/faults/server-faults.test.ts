import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/app-services'
import { appClient } from './app-client'
import { FAULT_ENGINES, eventually, profileFromUrl, servicesRig } from './engines'
import type { KillableServer } from './fault-servers'
import { silentPort } from './fault-servers'

/** Fails with a message rather than a test timeout when something never happens. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

for (const engine of FAULT_ENGINES) {
  const skip = engine.sharedUrl ? '' : engine.skipReason
  if (skip) console.log(`[faults ${engine.label}] not run: ${skip}`)

  describe.skipIf(Boolean(skip))(`faults with real servers: ${engine.label}`, () => {
    const rig = servicesRig()
    let services: AppServices
    let server: KillableServer
    let client: ReturnType<typeof appClient>
    let dedicated = ''
    let shared = ''

    beforeAll(async () => {
      // A server of its own, since this one gets killed; the shared one serves the "unaffected" side.
      server = (await engine.killable())!
      services = rig.open()
      client = appClient(services.dispatch)
      const a = profileFromUrl(server.url, `${engine.label} dedicated`)
      dedicated = await client.save(a.profile, a.password)
      const b = profileFromUrl(engine.sharedUrl!, `${engine.label} shared`)
      shared = await client.save(b.profile, b.password)
    }, 120_000)
    afterAll(async () => {
      await services?.close()
      await server?.stop()
      rig.remove()
    })

    it(
      'server killed mid-stream: the query ends with a clear connection error, the others carry on, and it reconnects after a restart',
      { timeout: 90_000 },
      async () => {
        client.holdAcks(true)
        const victim = client.start(dedicated, engine.rowsSql(20_000_000))
        const bystander = client.start(shared, engine.rowsSql(200_000))
        await victim.firstRows
        await bystander.firstRows
        await server.kill()
        client.holdAcks(false)
        const end = await within(victim.ended, 30_000, 'the killed query to end')
        console.log(
          `[faults ${engine.label}] killed mid-stream after ${end.rowCount} rows: ${end.outcome}: ${end.error?.kind}: ${end.error?.message}`,
        )
        expect(end.outcome).toBe('error')
        expect(end.error?.kind).toBe('connection')
        expect(end.error?.message).toMatch(/connection|server|terminat|closed|lost|gone/i)
        expect(end.rowCount).toBeLessThan(20_000_000)
        // The other connection never noticed.
        expect(await bystander.ended).toMatchObject({ outcome: 'done', rowCount: 200_000, error: null })
        // The service answers at once while the server is down, with a clear error, not a hang.
        const whileDown = await client.run(dedicated, 'SELECT 1')
        console.log(
          `[faults ${engine.label}] while down: ${whileDown.error?.kind}: ${whileDown.error?.message} (${whileDown.error?.code})`,
        )
        expect(whileDown.outcome).toBe('error')
        expect(whileDown.error?.kind).toBe('connection')
        expect((await client.dispatch('connections.list', {})).ok).toBe(true)
        // Back up: the same saved connection works again, on a fresh session.
        await server.restart()
        expect(await client.run(dedicated, engine.rowsSql(1000))).toMatchObject({ outcome: 'done', rowCount: 1000 })
        expect(await client.run(shared, 'SELECT 1')).toMatchObject({ outcome: 'done', rowCount: 1 })
      },
    )

    it('closing the window mid-query cancels it on the server, and leaks no session', { timeout: 90_000 }, async () => {
      const baseline = await engine.sessions(server.url)
      for (let round = 0; round < 3; round++) {
        const window = appClient(services.dispatch)
        const sleeping = window.start(dedicated, engine.sleepSql(60 + round))
        const like = `${engine.sleepSql(60 + round)}%`
        expect(await eventually(async () => (await engine.running(server.url, like)) === 1, 10_000)).toBe(true)
        window.holdAcks(true)
        const streaming = window.start(dedicated, engine.rowsSql(20_000_000))
        await streaming.firstRows
        window.disconnect()
        const [sleepEnd, streamEnd] = await within(
          Promise.all([sleeping.ended, streaming.ended]),
          15_000,
          'the closed window’s queries to end',
        )
        expect(sleepEnd.outcome).toBe('cancelled')
        expect(streamEnd.outcome).toBe('cancelled')
        // Gone from the server, not just from the UI.
        expect(await eventually(async () => (await engine.running(server.url, like)) === 0, 5_000)).toBe(true)
        expect(await engine.running(server.url, `${engine.rowsSql(20_000_000)}%`)).toBe(0)
      }
      // Sessions the pool keeps idle are fine; sessions growing with every closed window are not.
      const after = await engine.sessions(server.url)
      console.log(
        `[faults ${engine.label}] client sessions on the server: ${baseline} before, ${after} after 3 closed windows`,
      )
      expect(after).toBeLessThanOrEqual(Math.max(baseline, 1) + 2)
    })

    it('a port that accepts TCP and never answers: connect fails with a clear timeout within the configured time', async () => {
      const silent = await silentPort()
      try {
        const { profile } = profileFromUrl(
          `${engine.label === 'postgres' ? 'postgres' : 'mysql'}://u:p@127.0.0.1:${silent.port}/db`,
          'silent',
          {
            connectTimeoutMs: 1500,
          },
        )
        const started = performance.now()
        const tested = await client.dispatch('connections.test', { profile, password: 'p' })
        const testMs = performance.now() - started
        expect(tested.ok).toBe(false)
        if (tested.ok) return
        console.log(
          `[faults ${engine.label}] silent port, test: ${tested.error.kind} after ${testMs.toFixed(0)} ms: ${tested.error.message}`,
        )
        expect(tested.error.kind).toBe('timeout')
        expect(tested.error.message).toMatch(/did not answer|timed? ?out/i)
        expect(testMs).toBeGreaterThanOrEqual(1400)
        expect(testMs).toBeLessThan(1500 + 2500)
        expect(silent.accepted()).toBeGreaterThan(0)
        // The same through a saved connection, on first use (the tree's first expand).
        const id = await client.save(profile, 'p')
        const opened = performance.now()
        const databases = await client.dispatch('meta.databases', { connectionId: id })
        const openMs = performance.now() - opened
        expect(databases.ok).toBe(false)
        if (!databases.ok) {
          console.log(
            `[faults ${engine.label}] silent port, open: ${databases.error.kind} after ${openMs.toFixed(0)} ms: ${databases.error.message}`,
          )
          expect(databases.error.kind).toBe('timeout')
        }
        expect(openMs).toBeLessThan(1500 + 2500)
      } finally {
        await silent.close()
      }
    })

    it('restarting the app services over the same data dir brings the saved connections back, passwords included', async () => {
      const before = (await client.call<Array<{ id: string; name: string }>>('connections.list', {})).filter(
        (c) => c.id !== 'sample',
      )
      await services.close()
      services = rig.open()
      client = appClient(services.dispatch)
      const after = (await client.call<Array<{ id: string; name: string }>>('connections.list', {})).filter(
        (c) => c.id !== 'sample',
      )
      expect(after).toEqual(before)
      expect(after.map((c) => c.name)).toContain(`${engine.label} dedicated`)
      expect(await client.run(dedicated, 'SELECT 1')).toMatchObject({ outcome: 'done', rowCount: 1 })
      expect(await client.run(shared, 'SELECT 1')).toMatchObject({ outcome: 'done', rowCount: 1 })
    })
  })
}
