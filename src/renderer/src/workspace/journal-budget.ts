import { MAX_SAVED_TABS_BYTES, utf8Length } from '../../../shared/contract'
import type { MethodInput } from '../../../shared/contract'

type TabsRequest = MethodInput<'tabs.save'>

/** A request within MAX_SAVED_TABS_BYTES (closed tabs let go, oldest first), or why none fits. */
export type Fitted = { ok: true; request: TabsRequest; droppedClosed: number } | { ok: false; message: string }

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)

/**
 * Fits the tabs journal in its budget: the open tabs always go whole; recently closed tabs are
 * dropped from the oldest while the request is too large. When the open tabs alone are too large,
 * nothing is sent and the message says what to do (the text stays in the page meanwhile).
 */
export function fitJournal(request: TabsRequest, budget = MAX_SAVED_TABS_BYTES): Fitted {
  const size = (candidate: TabsRequest): number => {
    const text = JSON.stringify(candidate)
    // Each UTF-16 unit is at most 3 UTF-8 bytes: most journals need no encoding to be measured.
    return text.length * 3 <= budget ? 0 : utf8Length(text)
  }
  const closed = [...(request.closed ?? [])]
  let candidate = request
  let bytes = size(candidate)
  while (bytes > budget && closed.length > 0) {
    closed.pop()
    candidate = { ...request, closed: [...closed] }
    bytes = size(candidate)
  }
  if (bytes <= budget)
    return { ok: true, request: candidate, droppedClosed: (request.closed?.length ?? 0) - closed.length }
  return {
    ok: false,
    message:
      `Open tabs hold ${mib(bytes)} MiB of text, more than the ${mib(budget)} MiB kept across restarts: ` +
      'save large scripts as .sql files (Ctrl/Cmd+S) or close some tabs. Until then, changes are not kept if Quarry stops.',
  }
}
