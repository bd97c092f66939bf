/** How long `settled` waits: for the counter to move at all, and for it to hold still. */
export interface SettleTimes {
  moveWithinMs: number
  stillForMs: number
  pollMs: number
}

/** PostgreSQL publishes a session's counts when it goes idle, at most once a second. */
const SERVER_TIMES: SettleTimes = { moveWithinMs: 20_000, stillForMs: 1500, pollMs: 100 }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * How far a server's cumulative counter moved past `before`, read once it has moved and then held
 * still for `stillForMs` (the servers publish a session's counts after the statement, not at
 * once). An open reads at least one row: a counter that never moves is an error, not a zero.
 */
export async function settled(
  read: () => Promise<number>,
  before: number,
  times: SettleTimes = SERVER_TIMES,
): Promise<number> {
  const deadline = Date.now() + times.moveWithinMs
  let last = await read()
  while (last === before) {
    if (Date.now() > deadline)
      throw new Error(`the server counted no rows read within ${times.moveWithinMs / 1000} s of the open`)
    await sleep(times.pollMs)
    last = await read()
  }
  const settleBy = Date.now() + times.moveWithinMs
  for (;;) {
    await sleep(times.stillForMs)
    const now = await read()
    if (now === last || Date.now() > settleBy) return now - before
    last = now
  }
}
