#!/usr/bin/env node
// Times the browser-mode WebSocket hop on its own: the built app (`out/main/serve.js`) streams a query
// of the sample database to a client in a page of Chromium, which acknowledges every batch at once,
// and the same is run with a DevTools session that has its Network domain enabled (as Playwright's
// always has, so as the bench's page has) and without. Also reports the page's rAF frame p95 during
// the stream. No UI involved: this is the ceiling of "Run → all rows" for the bytes sent. Usage:
//
//   npm run build && node scripts/stream-hop.mjs ["SELECT * FROM events LIMIT 300000"] [off,on,off,on]
//
// Chromium is /usr/bin/chromium or $QUARRY_CHROMIUM. See docs/benchmark.md, "Where the time goes after main".

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SQL = process.argv[2] ?? 'SELECT * FROM events LIMIT 300000'
const MODES = (process.argv[3] ?? 'off,on,off,on').split(',')
const STEP_MS = 60_000

/** Runs in the page: its own socket to the server, one query, each batch acknowledged on receipt. */
async function streamInPage(sql) {
  const credential = sessionStorage.getItem('quarry.credential')
  const ws = new WebSocket(`ws://${location.host}/ws`, ['quarry.v1', `quarry.credential.${credential}`])
  ws.binaryType = 'arraybuffer'
  await new Promise((open) => ws.addEventListener('open', open))
  const queryId = crypto.randomUUID()
  const frames = []
  let last = performance.now()
  let ticking = true
  const tick = (now) => {
    frames.push(now - last)
    last = now
    if (ticking) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  let id = 1
  let rows = 0
  let bytes = 0
  const started = performance.now()
  const end = new Promise((done) =>
    ws.addEventListener('message', ({ data }) => {
      if (typeof data === 'string') {
        const message = JSON.parse(data)
        if (message.event === 'query.end') done(message.payload)
        return
      }
      const length = new DataView(data).getUint32(0, true)
      const header = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, length)))
      rows += header.count
      bytes += data.byteLength
      ws.send(JSON.stringify({ id: id++, method: 'query.ack', input: { queryId, seq: header.seq } }))
    }),
  )
  const input = { connectionId: 'sample', queryId, sql, rowLimit: null }
  ws.send(JSON.stringify({ id: id++, method: 'query.start', input }))
  const { outcome } = await end
  const ms = performance.now() - started
  ticking = false
  ws.close()
  frames.sort((a, b) => a - b)
  const p95 = frames.length ? frames[Math.min(frames.length - 1, Math.floor(frames.length * 0.95))] : 0
  return { outcome, rows, bytes, ms, p95, worst: frames.at(-1) ?? 0 }
}

/** CPU milliseconds (user + system) of every process under `roots`, by role (main, sqlite-host, renderer…). */
function cpuByRole(roots) {
  const procs = []
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
      procs.push({ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), cmd })
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set(roots)
  for (let grew = true; grew;) {
    grew = false
    for (const p of procs)
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid)
        grew = true
      }
  }
  const byRole = {}
  for (const p of procs.filter((p) => tree.has(p.pid))) {
    const type = /--type=(\S+)/.exec(p.cmd)?.[1]
    const role =
      type ??
      (p.cmd.includes('serve.js')
        ? 'main'
        : p.cmd.includes('chromium')
          ? 'browser'
          : p.cmd.split(' ')[1]?.split('/').pop())
    byRole[role] = (byRole[role] ?? 0) + p.ticks * 10 // USER_HZ is 100 on Linux
  }
  return byRole
}

const withTimeout = (promise, what, ms = STEP_MS) => {
  let timer
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'quarry-hop-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'quarry-hop-chromium-'))
  const serve = spawn(process.execPath, [join(ROOT, 'out', 'main', 'serve.js'), '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, QUARRY_DATA_DIR: dataDir, QUARRY_SAMPLE_DB: join(ROOT, 'resources', 'sample.db') },
  })
  let chromium = null
  try {
    const url = await withTimeout(
      new Promise((found, failed) => {
        let output = ''
        const read = (chunk) => {
          output += chunk
          const match = /Quarry browser mode: (http:\/\/\S+)/.exec(output)
          if (match) found(match[1])
        }
        serve.stdout.on('data', read)
        serve.stderr.on('data', read)
        serve.once('exit', (code) => failed(new Error(`serve exited with ${code}:\n${output}`)))
      }),
      'serve',
    )
    const port = 9300 + Math.floor(Math.random() * 600)
    chromium = spawn(
      process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium',
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        `--remote-debugging-port=${port}`,
        `--user-data-dir=${profileDir}`,
        url,
      ],
      { stdio: 'ignore' },
    )
    let target = null
    for (let i = 0; i < 150 && !target; i++) {
      await new Promise((wait) => setTimeout(wait, 200))
      const list = await fetch(`http://127.0.0.1:${port}/json`).then(
        (r) => r.json(),
        () => [],
      )
      target = list.find((t) => t.type === 'page' && t.url.startsWith(url.split('?')[0].replace(/\/$/, ''))) ?? null
    }
    if (!target) throw new Error('Chromium did not open the page')
    const cdp = new WebSocket(target.webSocketDebuggerUrl, { maxPayload: 2 ** 30 })
    await withTimeout(new Promise((open) => cdp.once('open', open)), 'DevTools')
    let nextId = 1
    const answers = new Map()
    let reported = { frames: 0, chars: 0 }
    cdp.on('message', (data) => {
      const message = JSON.parse(data)
      if (message.id) answers.get(message.id)?.(message)
      else if (message.method === 'Network.webSocketFrameReceived') {
        reported.frames++
        reported.chars += message.params.response.payloadData.length
      }
    })
    const send = (method, params = {}) => {
      const id = nextId++
      cdp.send(JSON.stringify({ id, method, params }))
      return new Promise((answer) => answers.set(id, answer))
    }
    const evaluate = async (expression, timeout = STEP_MS) => {
      const answer = await withTimeout(
        send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }),
        'Runtime.evaluate',
        timeout,
      )
      if (answer.result?.exceptionDetails) throw new Error(JSON.stringify(answer.result.exceptionDetails))
      return answer.result.result.value
    }
    // The page trades its link for a credential once it has loaded.
    const hasCredential = () => evaluate("!!sessionStorage.getItem('quarry.credential')").catch(() => false)
    for (let i = 0; i < 150 && !(await hasCredential()); i++) await new Promise((wait) => setTimeout(wait, 200))
    for (const mode of MODES) {
      await send(mode === 'on' ? 'Network.enable' : 'Network.disable')
      reported = { frames: 0, chars: 0 }
      const before = cpuByRole([serve.pid, chromium.pid])
      const r = await evaluate(`(${streamInPage.toString()})(${JSON.stringify(SQL)})`, 15 * 60_000)
      const rate = Math.round((r.rows / r.ms) * 1000)
      console.log(
        `Network domain ${mode.padEnd(3)} ${r.outcome}: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(0)} MB in ` +
          `${r.ms.toFixed(0)} ms = ${rate} rows/s; frame p95 ${r.p95.toFixed(0)} ms, worst ${r.worst.toFixed(0)} ms; ` +
          `DevTools got ${reported.frames} frame events (${(reported.chars / 1e6).toFixed(0)} MB of payload text)`,
      )
      const after = cpuByRole([serve.pid, chromium.pid])
      const spent = Object.entries(after).map(([role, ms]) => `${role} ${ms - (before[role] ?? 0)}`)
      console.log(`  CPU ms by process: ${spent.join(', ')}`)
    }
    cdp.close()
  } finally {
    chromium?.kill('SIGTERM')
    serve.kill('SIGTERM')
    await new Promise((wait) => setTimeout(wait, 500))
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
}

await main()
