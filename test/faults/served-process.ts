import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { build } from 'vite'
import WebSocket from 'ws'
import { credentialFor, credentialProtocols } from '../helpers/browser-session'

const root = resolve(import.meta.dirname, '..', '..')
/** Two folders below the root, as out/main is: serve.ts finds package.json two levels up. */
const outDir = resolve(root, '.tmp', 'served-main')

/**
 * Builds browser mode's entry (src/main/serve.ts) and the SQLite host, bundled as the app ships
 * them, so a test can run the real process. Returns the path of serve.js (last-resort.js beside it).
 */
export async function buildServeEntry(): Promise<string> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    // electron-vite adds this shim to its ESM output; serve.ts locates its files with __dirname.
    define: { __dirname: 'import.meta.dirname' },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: {
          serve: resolve(root, 'src/main/serve.ts'),
          'sqlite-host': resolve(root, 'src/main/drivers/sqlite/sqlite-host.ts'),
          // Also on its own, for a child that only installs it.
          'last-resort': resolve(root, 'src/main/last-resort.ts'),
        },
        external: ['better-sqlite3'],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  })
  return resolve(outDir, 'serve.js')
}

/** A running browser-mode process, and a WebSocket client of it. */
export interface ServedProcess {
  child: ChildProcess
  /** Everything it wrote to stderr so far. */
  stderr(): string
  /** Calls a contract method over the WebSocket; resolves with the wire result. */
  call(method: string, input: unknown, timeoutMs?: number): Promise<{ ok: boolean; value?: unknown; error?: unknown }>
  stop(): Promise<void>
}

/** Starts `node serve.js` with `env`, trades its link for a page credential and opens its WebSocket. */
export async function startServed(script: string, env: Record<string, string>): Promise<ServedProcess> {
  const child = spawn(process.execPath, [script, '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<URL>((resolveUrl, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`serve.js printed no URL in 20 s: ${out}${stderr}`)), 20_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolveUrl(new URL(match[0]))
      }
    })
    child.once('exit', (code) => reject(new Error(`serve.js exited (${code}) before listening: ${stderr}`)))
  })
  const credential = await credentialFor(Number(url.port), url.href)
  const ws = await new Promise<WebSocket>((resolveWs, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${url.port}/ws`, credentialProtocols(credential), {
      headers: { origin: `http://127.0.0.1:${url.port}` },
    })
    socket.once('open', () => resolveWs(socket))
    socket.once('error', reject)
  })
  ws.on('error', () => undefined)
  let nextId = 1
  const call: ServedProcess['call'] = (method, input, timeoutMs = 20_000) =>
    new Promise((resolveCall, reject) => {
      const id = nextId++
      const timer = setTimeout(() => {
        ws.off('message', onMessage)
        reject(new Error(`no answer to ${method} in ${timeoutMs} ms`))
      }, timeoutMs)
      const onMessage = (data: WebSocket.RawData) => {
        const text = data.toString()
        if (!text.startsWith('{')) return
        const frame = JSON.parse(text) as { id?: number; result?: { ok: boolean } }
        if (frame.id !== id) return
        clearTimeout(timer)
        ws.off('message', onMessage)
        resolveCall(frame.result!)
      }
      ws.on('message', onMessage)
      if (ws.readyState !== WebSocket.OPEN) {
        clearTimeout(timer)
        return reject(new Error(`the WebSocket is closed (the process exited: ${child.exitCode ?? child.signalCode})`))
      }
      ws.send(JSON.stringify({ id, method, input }))
    })
  return {
    child,
    stderr: () => stderr,
    call,
    async stop() {
      ws.terminate()
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit))
      child.kill('SIGKILL')
      await exited
    },
  }
}
