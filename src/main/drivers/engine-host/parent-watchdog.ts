import { Worker } from 'node:worker_threads'

/** How often the watchdog looks for its parent. */
export const WATCHDOG_INTERVAL_MS = 250

// Runs on its own thread: it keeps working while the host's main thread is stuck in one SQLite
// call (reading a FIFO or a hung network file system, an endless step), when the host's
// 'disconnect' event can never run.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads')
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL')
}, workerData.intervalMs)
`

/**
 * Ends this host process as soon as its parent (Quarry's main process) is gone, however it went:
 * closed normally, crashed, or killed with SIGKILL (no goodbye at all). An orphan is adopted by
 * another process, so its parent pid changes. The thread never keeps the host alive by itself.
 */
export function startParentWatchdog(): void {
  const parent = process.ppid
  const worker = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { parent, intervalMs: WATCHDOG_INTERVAL_MS },
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  })
  worker.on('error', () => undefined)
  worker.unref()
}
