import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { Teardown } from './servers'

/** What one DevTools call waits for at most. */
const CALL_TIMEOUT = 60_000

/**
 * A page in a Chromium of the bench's own, driven over a plain DevTools connection that enables no
 * domain but the ones asked for. Playwright enables the Network domain on every page it drives, and
 * Chromium then copies every WebSocket frame into DevTools as base64 text (docs/benchmark.md: up to
 * 3× slower streams, frame p95 5–10× worse); the app never runs so, so the stream measures run here.
 */
export class QuietPage {
  private next = 1
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  private readonly listeners = new Map<string, (params: unknown) => void>()

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number
        method?: string
        params?: unknown
        result?: unknown
        error?: { message: string }
      }
      if (message.method !== undefined) this.listeners.get(message.method)?.(message.params)
      const call = message.id === undefined ? undefined : this.pending.get(message.id)
      if (!call) return
      this.pending.delete(message.id!)
      if (message.error) call.reject(new Error(`DevTools: ${message.error.message}`))
      else call.resolve(message.result)
    })
    socket.on('close', () => {
      for (const call of this.pending.values()) call.reject(new Error('DevTools connection closed'))
      this.pending.clear()
    })
  }

  /** Starts Chromium with remote debugging on a free port and connects to its first page. */
  static async launch(executablePath: string, args: string[], teardown: Teardown): Promise<QuietPage> {
    const profile = mkdtempSync(join(tmpdir(), 'quarry-bench-chromium-'))
    const child = spawn(
      executablePath,
      [...args, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    teardown.add('quiet Chromium', async () => {
      child.kill('SIGTERM')
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(killed)
      rmSync(profile, { recursive: true, force: true })
    })
    const browserUrl = await new Promise<string>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`Chromium did not open DevTools:\n${output}`)), 30_000)
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output)
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
      child.once('exit', (code) => reject(new Error(`Chromium exited with ${code}:\n${output}`)))
    })
    const port = new URL(browserUrl).port
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      type: string
      webSocketDebuggerUrl: string
    }[]
    const target = targets.find((t) => t.type === 'page')
    if (!target) throw new Error('Chromium has no page to drive')
    const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 256 << 20 })
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    teardown.add('quiet page connection', () => socket.close())
    return new QuietPage(socket)
  }

  /** Hears a DevTools event (one listener per event name; null removes it). */
  on(method: string, listener: ((params: unknown) => void) | null): void {
    if (listener) this.listeners.set(method, listener)
    else this.listeners.delete(method)
  }

  /** One DevTools call; rejects on its error or after CALL_TIMEOUT. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`DevTools ${method} gave no answer in ${CALL_TIMEOUT / 1000} s`))
      }, CALL_TIMEOUT)
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as T)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.socket.send(JSON.stringify({ id, method, params }))
    })
  }

  /** Evaluates an expression in the page (promises awaited) and returns its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.send<{
      result: { value?: T }
      exceptionDetails?: { text: string; exception?: { description?: string } }
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })
    if (answer.exceptionDetails)
      throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text)
    return answer.result.value as T
  }

  /** Polls an expression every `everyMs` until it is truthy; throws after `timeoutMs`. */
  async waitFor(expression: string, timeoutMs: number, what: string, everyMs = 100): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`))) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  }

  /** A key press with modifiers (2 = Ctrl), as trusted events. */
  async press(key: string, code: string, keyCode: number, modifiers = 0): Promise<void> {
    const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, modifiers }
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...base })
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base })
  }

  /** A trusted left click at page coordinates. */
  async click(x: number, y: number): Promise<void> {
    const at = { x, y, button: 'left', clickCount: 1 }
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y })
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at })
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at })
  }

  /** The renderer's JS heap after a full garbage collection (as heapAfterGc in browser-session.ts). */
  async heapAfterGc(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage')
    await this.send('HeapProfiler.collectGarbage')
    const { usedSize, backingStorageSize } = await this.send<{ usedSize: number; backingStorageSize?: number }>(
      'Runtime.getHeapUsage',
    )
    return usedSize + (backingStorageSize ?? 0)
  }
}
