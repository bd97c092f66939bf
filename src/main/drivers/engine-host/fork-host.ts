import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import type { QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { HostMessageOf, HostReadyBase } from './host-messages'

const STARTUP_TIMEOUT_MS = 15_000

/** Which host this is, in its error messages. */
export interface HostIdentity {
  /** "SQLite host", "DuckDB host": how every connection error message names it. */
  label: string
  connectionError(message: string): QuarryError
}

/** How to start one host process. */
export interface HostLaunch extends HostIdentity {
  script: string
  /** Variables added to the parent's environment. */
  env?: Record<string, string>
}

/**
 * glibc's allocator settings for every host: blocks up to 32 MiB come from the reused heap instead
 * of a fresh mmap each time. A host allocates a batch (and Node's IPC serializer a copy of it) of
 * a megabyte or more per pull; fresh mapped pages cost a page fault and a zeroing each, which
 * measured four to five times the cost of the allocation itself. Ignored by other allocators.
 */
const ALLOCATOR_ENV: Record<string, string> = {
  MALLOC_MMAP_THRESHOLD_: String(32 * 2 ** 20),
  MALLOC_TRIM_THRESHOLD_: String(32 * 2 ** 20),
}

/** Host processes alive now, killed when main exits (their watchdogs cover a main killed outright). */
const liveChildren = new Set<ChildProcess>()
let reaperInstalled = false

function track(child: ChildProcess): void {
  if (!reaperInstalled) {
    reaperInstalled = true
    process.once('exit', () => {
      for (const alive of liveChildren) alive.kill('SIGKILL')
    })
  }
  liveChildren.add(child)
  child.once('exit', () => liveChildren.delete(child))
}

/** Forks a host script with an IPC channel and waits for its ready message. */
export async function forkHost<Ready extends HostReadyBase>(
  launch: HostLaunch,
): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(launch.script, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
    env: { ...ALLOCATOR_ENV, ...process.env, ...launch.env },
  })
  track(child)
  return { child, ready: await waitForReady<Ready>(child, launch) }
}

/** Resolves with the host's ready message; fails if it exits, errors or stays silent first. */
function waitForReady<Ready extends HostReadyBase>(child: ChildProcess, launch: HostLaunch): Promise<Ready> {
  const { label, connectionError } = launch
  return new Promise((resolve, reject) => {
    const settle = (error: QuarryError | null, ready?: Ready): void => {
      clearTimeout(timer)
      child.off('message', onMessage).off('exit', onExit).off('error', onError)
      if (error) {
        child.kill('SIGKILL')
        reject(new QuarryFailure(error))
      } else resolve(ready!)
    }
    const onMessage = (message: HostMessageOf<Ready>): void => {
      if (message.type === 'ready') settle(null, message)
    }
    const onExit = (code: number | null, signal: string | null): void =>
      settle(connectionError(`${label} process exited while starting (${signal ?? `code ${code}`})`))
    const onError = (error: Error): void => settle(connectionError(`Cannot start the ${label}: ${error.message}`))
    const timer = setTimeout(
      () => settle(connectionError(`${label} did not start within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    )
    child.on('message', onMessage).on('exit', onExit).on('error', onError)
  })
}
