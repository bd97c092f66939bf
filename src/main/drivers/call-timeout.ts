/** How long a catalog call (tree listing, structure, version, ping) may take by default. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000

/** The code of the timeout error every engine gives a catalog call that took too long. */
export const CALL_TIMEOUT_CODE = 'CALL_TIMEOUT'

/** The sentence every engine's timeout message starts with. */
export const callTimeoutMessage = (server: string, timeoutMs: number): string =>
  `${server} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}; ` +
  'its session was closed, and the next call opens a new one'

/**
 * Settles like `work`, or, when it has not settled within `timeoutMs`, rejects with what
 * `expired()` returns. `expired` is where the caller drops the session the work ran on: a session
 * whose server went silent is in an unknown state and must never be reused. A frozen server
 * (stopped process, dead link, stalled proxy) otherwise leaves the call waiting forever, since
 * TCP keeps an idle connection open.
 */
export function withCallTimeout<T>(work: Promise<T>, timeoutMs: number, expired: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(expired()), timeoutMs)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
