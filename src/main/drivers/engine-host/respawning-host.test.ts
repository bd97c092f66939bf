import { describe, expect, it } from 'vitest'
import type { QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { CatalogMethods } from './host-messages'
import { RespawningHost } from './respawning-host'

const closedError = (): QuarryError => ({ kind: 'connection', message: 'Connection is closed' })

/** A fake host: numbered, answers `version` with its number, can die mid-request. */
class FakeHost {
  alive = true
  shutdownReason: QuarryError | null = null
  dieOnNextRequest = false
  constructor(readonly n: number) {}
  async request(method: string): Promise<never> {
    if (this.dieOnNextRequest || !this.alive) {
      this.alive = false
      throw new QuarryFailure({ kind: 'connection', message: `host ${this.n} died` })
    }
    return (method === 'version' ? `v${this.n}` : null) as never
  }
  async shutdown(reason: QuarryError): Promise<void> {
    this.shutdownReason = reason
    this.alive = false
  }
}

function respawning() {
  const started: FakeHost[] = [new FakeHost(1)]
  const spawn = async () => {
    const host = new FakeHost(started.length + 1)
    started.push(host)
    return host
  }
  return { host: new RespawningHost<CatalogMethods, FakeHost>(started[0]!, spawn, closedError), started }
}

describe('a respawning host', () => {
  it('keeps the live host, and starts a new one on the next call once it died', async () => {
    const { host, started } = respawning()
    expect(await host.read('version', {})).toBe('v1')
    expect(await host.read('version', {})).toBe('v1')
    started[0]!.alive = false
    expect(await host.read('version', {})).toBe('v2')
    expect(started).toHaveLength(2)
  })

  it('answers a read from a fresh host when the host dies under it, once', async () => {
    const { host, started } = respawning()
    started[0]!.dieOnNextRequest = true
    expect(await host.read('version', {})).toBe('v2')
    // Host 2 dies under the next read, and so does host 3, its replacement: no third try.
    started[1]!.dieOnNextRequest = true
    spawnThatDies(started)
    await expect(host.read('version', {})).rejects.toThrow(/host 3 died/)
  })

  it('once closed, shuts its host down and refuses every call', async () => {
    const { host, started } = respawning()
    await host.close()
    expect(host.closed).toBe(true)
    expect(started[0]!.shutdownReason).toEqual(closedError())
    await expect(host.read('version', {})).rejects.toThrow('Connection is closed')
    await expect(host.live()).rejects.toThrow('Connection is closed')
    expect(started).toHaveLength(1)
  })
})

/** Makes the next host started die on its first request too. */
function spawnThatDies(started: FakeHost[]): void {
  const push = started.push.bind(started)
  started.push = (...hosts: FakeHost[]) => {
    for (const host of hosts) host.dieOnNextRequest = true
    return push(...hosts)
  }
}
