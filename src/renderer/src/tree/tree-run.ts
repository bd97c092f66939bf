import type { QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { QueryEventRouter } from '../query/query-events'

/** A statement the user confirmed in the tree (Truncate, Drop), running: its end, and how to stop it. */
export interface ConfirmedRun {
  /** Null when it ran; the error (a cancel included) when it did not. */
  done: Promise<QuarryError | null>
  cancel(): void
}

/**
 * Runs one statement the user confirmed after reading it. It goes through main's safe mode like an
 * editor's run: the confirmation is given for exactly this text (the server still judges it, and a
 * read-only connection still refuses it). History records it like any run.
 */
export function runConfirmed(
  client: QuarryClient,
  router: QueryEventRouter,
  target: { connectionId: string; database: string; sql: string },
): ConfirmedRun {
  const queryId = `tree-${crypto.randomUUID()}`
  let unregister = (): void => {}
  const done = new Promise<QuarryError | null>((resolve) => {
    unregister = router.register(queryId, (message) => {
      if (message.event !== 'query.end') return
      unregister()
      resolve(message.payload.outcome === 'done' ? null : (message.payload.error ?? cancelled()))
    })
    void client
      .call('query.start', { ...target, queryId, confirmedDangerous: true, confirmedWrite: target.sql })
      .then((result) => {
        if (result.ok) return
        unregister()
        resolve(result.error)
      })
  })
  return { done, cancel: () => void client.call('query.cancel', { queryId }) }
}

const cancelled = (): QuarryError => ({ kind: 'cancelled', message: 'Cancelled: the statement was stopped' })
