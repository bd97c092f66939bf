/** The prefix of every line the last-resort handler writes, so logs and tests can find them. */
export const LAST_RESORT_PREFIX = '[quarry last-resort]'

let installed = false

const describe = (value: unknown): string =>
  value instanceof Error ? (value.stack ?? `${value.name}: ${value.message}`) : String(value)

/**
 * Keeps main serving when something escaped every handler: an 'error' event nobody listened to
 * (Node throws those), an exception thrown from a callback, a rejected promise nobody awaited.
 * Each is logged and the process carries on, so one broken connection never ends the queries and
 * exports of all the others. Every library object should still handle its own errors; this only
 * catches what was missed. Installed once, by both entries (Electron main and browser mode).
 */
export function installLastResort(log: (line: string) => void = (line) => console.error(line)): void {
  if (installed) return
  installed = true
  // A closed console (parent gone, pipe shut) must not turn each log line into a new error.
  process.stdout.on('error', () => undefined)
  process.stderr.on('error', () => undefined)
  process.on('uncaughtException', (error, origin) => {
    log(`${LAST_RESORT_PREFIX} ${origin}, kept serving: ${describe(error)}`)
  })
  process.on('unhandledRejection', (reason) => {
    log(`${LAST_RESORT_PREFIX} unhandledRejection, kept serving: ${describe(reason)}`)
  })
}
