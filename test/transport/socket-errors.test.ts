import { mkdtempSync, readdirSync, readlinkSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as FsPromises from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../../src/main/services/dispatcher'
import type { Handlers } from '../../src/main/services/dispatcher'
import { startBrowserServer } from '../../src/main/transport/browser-server'
import type { BrowserServer } from '../../src/main/transport/browser-server'

/** Files named here are deleted right after serveStatic's stat, before it opens them (a TOCTOU race, made certain). */
const vanishing = vi.hoisted(() => new Set<string>())
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof FsPromises>()
  return {
    ...fs,
    stat: async (path: string) => {
      const info = await fs.stat(path)
      if (vanishing.delete(path)) await fs.unlink(path)
      return info
    },
  }
})

const dispatch = createDispatcher({
  'app.info': async () => ({ name: 'Quarry', version: 'test', host: 'browser' }),
} as unknown as Handlers)

const readlinkSafe = (path: string): string | null => {
  try {
    return readlinkSync(path)
  } catch {
    return null
  }
}

let server: BrowserServer
let dir = ''
const cookie = ''

function get(path: string) {
  return new Promise<{ status: number; body: string } | { failed: string }>((resolve) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { cookie } }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', (error) => resolve({ failed: error.message }))
    })
    req.on('error', (error) => resolve({ failed: error.message }))
    req.end()
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-socket-errors-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Quarry</title>')
  server = await startBrowserServer({ dispatch, rendererDir: dir })
  // Page files need no credential (a reload cannot carry one); the cookie header stays empty.
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

const hasProcFd = process.platform === 'linux'
if (!hasProcFd) console.log('[socket-errors] open-file check not run: it reads /proc/self/fd (Linux only)')

// Before these were handled, each case below ended the process with an unhandled 'error' event
// (vitest reports it as an unhandled error and fails the run).
describe('browser mode: socket and file errors never go unhandled', () => {
  it('a file that goes away between stat and open: the response is cut, the server keeps serving', async () => {
    const file = join(dir, 'app.js')
    writeFileSync(file, 'console.log(1)\n'.repeat(1000))
    vanishing.add(file)
    const cut = await get('/app.js')
    expect(cut).not.toMatchObject({ status: 200, body: 'console.log(1)\n'.repeat(1000) })
    expect(vanishing.size).toBe(0)
    expect(await get('/index.html')).toMatchObject({ status: 200 })
  })

  it('clients that reset a refused WebSocket upgrade at once: the server keeps serving', async () => {
    for (let i = 0; i < 30; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write(
            `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
            () => {
              socket.resetAndDestroy()
              resolve()
            },
          )
        })
        socket.on('error', () => resolve())
      })
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await get('/index.html')).toMatchObject({ status: 200 })
  })

  it.skipIf(!hasProcFd)(
    'a file whose reader leaves mid-way is closed at once (no open file left), and the next request is served',
    async () => {
      const file = join(dir, 'big.js')
      writeFileSync(file, Buffer.alloc(8 * 1024 * 1024, 0x61))
      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/big.js', headers: { cookie } }, (res) => {
          res.once('data', () => {
            req.destroy()
            resolve()
          })
        })
        req.on('error', () => resolve())
        req.end()
      })
      const holding = () => readdirSync('/proc/self/fd').filter((fd) => readlinkSafe(`/proc/self/fd/${fd}`) === file)
      const deadline = Date.now() + 2000
      while (holding().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(holding()).toEqual([])
      unlinkSync(file)
      expect(await get('/index.html')).toMatchObject({ status: 200 })
    },
  )
})
