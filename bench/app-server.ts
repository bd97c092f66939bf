import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The built app in browser mode (`node out/main/serve.js`), as the user starts it. */
export interface AppServer {
  url: string
  pid: number
  /**
   * A link not used yet: each link opens one page once, and serve prints a fresh one after each use
   * (SIGUSR2 asks for one more). For a second browser.
   */
  freshUrl(): Promise<string>
  stop(): Promise<void>
}

/** Starts out/main/serve.js on a free port with its own data directory and sample database. */
export async function startAppServer(root: string, dataDir: string, sampleDb: string): Promise<AppServer> {
  // QUARRY_BENCH_MAIN_PROF=<dir>: main's CPU profile of the whole session, written there when it stops.
  const profileDir = process.env['QUARRY_BENCH_MAIN_PROF']
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const child = spawn(process.execPath, [...profiling, join(root, 'out', 'main', 'serve.js'), '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, QUARRY_DATA_DIR: dataDir, QUARRY_SAMPLE_DB: sampleDb },
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const links: string[] = []
  let output = ''
  const onData = (chunk: Buffer): void => {
    output += chunk.toString()
    // QUARRY_BENCH_SERVER_LOG=1: the app server's own output too, for profiling a case.
    if (process.env['QUARRY_BENCH_SERVER_LOG']) process.stderr.write(chunk)
    const found = [...output.matchAll(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\s/g)].map((m) => m[1]!)
    for (const link of found) if (!links.includes(link)) links.push(link)
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000)
    const poll = setInterval(() => {
      if (!links[0]) return
      clearTimeout(timer)
      clearInterval(poll)
      resolve(links[0])
    }, 20)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)))
  })
  let used = 1
  return {
    url,
    pid: child.pid!,
    async freshUrl() {
      if (links.length <= used) child.kill('SIGUSR2')
      const deadline = Date.now() + 10_000
      while (links.length <= used) {
        if (Date.now() > deadline) throw new Error(`serve printed no fresh link:\n${output.slice(-500)}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return links[used++]!
    },
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(killed)
    },
  }
}

/** A process's peak resident set (VmHWM) in MB, from /proc; null where /proc cannot tell. */
export function peakRssMb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

/**
 * Resets a process's peak resident set to its current one (Linux: "5" into clear_refs), so the
 * next peak belongs to the next run alone. False if the kernel refused.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}
