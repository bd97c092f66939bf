import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAST_RESORT_PREFIX } from '../../src/main/last-resort'
import { silentPort } from './fault-servers'
import { buildServeEntry, startServed } from './served-process'
import type { ServedProcess } from './served-process'

const run = promisify(execFile)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The real browser-mode process (built serve.ts), driven over its WebSocket as the page drives it. */
describe('the served process survives a silent SSH endpoint', () => {
  let dir = ''
  let served: ServedProcess
  let silent: Awaited<ReturnType<typeof silentPort>>
  let lastResort = ''

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-survival-'))
    const script = await buildServeEntry()
    silent = await silentPort()
    lastResort = join(dirname(script), 'last-resort.js')
    served = await startServed(script, {
      QUARRY_DATA_DIR: join(dir, 'data'),
      QUARRY_SAMPLE_DB: join(dir, 'no-sample.db'),
    })
  }, 60_000)
  afterAll(async () => {
    await served?.stop()
    await silent?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers SSH_TIMEOUT, stays up, keeps answering, and no error was left for the last resort', async () => {
    const profile = {
      name: 'through a mute SSH server',
      engine: 'postgres',
      host: 'db.internal',
      port: 5432,
      user: 'quarry',
      connectTimeoutMs: 1000,
      ssh: { host: '127.0.0.1', port: silent.port, user: 'tunnel', auth: 'password' },
    }
    for (let round = 1; round <= 2; round++) {
      const started = performance.now()
      const result = await served.call('connections.test', { profile, password: 'pw', sshSecret: 'secret' })
      const elapsed = Math.round(performance.now() - started)
      console.log(`[survival] round ${round}: ${JSON.stringify(result.error)} after ${elapsed} ms`)
      expect(result.ok).toBe(false)
      expect(result.error).toMatchObject({ kind: 'timeout', code: 'SSH_TIMEOUT' })
      // ssh2 reports the lost handshake once the timed-out socket has closed, a moment later.
      await sleep(500)
      expect(served.child.exitCode, served.stderr()).toBeNull()
      expect(served.child.signalCode).toBeNull()
      expect(await served.call('app.info', {})).toMatchObject({ ok: true, value: { name: 'Quarry' } })
    }
    expect(silent.accepted()).toBe(2)
    // The tunnel handled ssh2's late error itself: nothing had to be caught as a last resort.
    expect(served.stderr()).not.toContain(LAST_RESORT_PREFIX)
  })

  it('the last resort logs what no handler caught (error event, throw in a callback, rejection) and the process carries on', async () => {
    const program = `
      import { EventEmitter } from 'node:events'
      import { createServer } from 'node:net'
      import { installLastResort } from ${JSON.stringify(pathToFileURL(lastResort).href)}
      installLastResort()
      setImmediate(() => new EventEmitter().emit('error', new Error('an error event nobody listened to')))
      setTimeout(() => { throw new Error('thrown from a timer') }, 10)
      void Promise.reject(new Error('a rejection nobody awaited'))
      const server = createServer().listen(0, '127.0.0.1', () => {
        setTimeout(() => { console.log('still serving on', server.address().port); server.close() }, 100)
      })
    `
    const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', program], { timeout: 10_000 })
    expect(stderr).toContain(`${LAST_RESORT_PREFIX} uncaughtException, kept serving: Error: an error event nobody`)
    expect(stderr).toContain('thrown from a timer')
    expect(stderr).toContain(`${LAST_RESORT_PREFIX} unhandledRejection, kept serving: Error: a rejection nobody`)
    expect(stdout).toMatch(/still serving on \d+/)
  })
})
