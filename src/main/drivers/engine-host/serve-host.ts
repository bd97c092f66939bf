/**
 * The child side of an engine host: the IPC loop every host entry runs. The engine gives it a
 * dispatcher; this file answers each request, closes the engine when main goes away, and starts the
 * parent watchdog once the host has said it is ready.
 */
import type { HostReadyBase, HostResponse } from './host-messages'
import { startParentWatchdog } from './parent-watchdog'

/** What an engine host serves: one answer per request (synchronous or not), and a clean close. */
export interface HostEngine<Request> {
  dispatch(request: Request): HostResponse | Promise<HostResponse>
  close(): void
}

/** Serves `engine` over this process's IPC channel; exits at once if there is none. */
export function serveHost<Request>(name: string, engine: () => HostEngine<Request>, ready: () => HostReadyBase): void {
  const send = (message: HostReadyBase | HostResponse): void => {
    process.send?.(message)
  }
  if (!process.send) {
    console.error(`${name} must be started by child_process.fork (it needs an IPC channel)`)
    process.exit(1)
  }
  const served = engine()
  // The parent went away (closed us, or died): close the database cleanly and leave.
  process.on('disconnect', () => {
    served.close()
    process.exit(0)
  })
  process.on('message', (request: Request) => void Promise.resolve(served.dispatch(request)).then(send))
  send(ready())
  // …and when this thread is stuck inside the engine and cannot see the disconnect, the watchdog
  // acts. Started once ready, so it does not add to the time before the first request.
  startParentWatchdog()
}
