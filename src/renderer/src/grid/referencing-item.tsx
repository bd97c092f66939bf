import { useEffect, useState } from 'react'
import type { KeyTarget } from './grid-key-links'

/** What the count of referencing rows shows while it is read, once read, and when it could not be. */
type Count = { status: 'counting' } | { status: 'counted'; count: string; atLeast: boolean } | { status: 'unknown' }

/**
 * One table of "Referenced by": its name and how many of its rows reference the row, counted on
 * the server when the list opens (each count bounded in time, and stopped when the list closes; a
 * failed one shows "?"; a count that reached its bound shows "10,000+"). A click opens those rows filtered.
 */
export function ReferencingItem(props: { target: KeyTarget; onClose: () => void }) {
  const { target, onClose } = props
  const [count, setCount] = useState<Count>(target.count ? { status: 'counting' } : { status: 'unknown' })
  useEffect(() => {
    // The list closing stops a count still running on the server.
    const closed = new AbortController()
    void target.count?.(closed.signal).then((counted) => {
      if (closed.signal.aborted) return
      setCount(counted === null ? { status: 'unknown' } : { status: 'counted', ...counted })
    })
    return () => closed.abort()
  }, [target])
  const shown =
    count.status === 'counted'
      ? `${BigInt(count.count).toLocaleString('en-US')}${count.atLeast ? '+' : ''}`
      : count.status === 'counting'
        ? '…'
        : '?'
  const title =
    count.status === 'unknown'
      ? 'The rows could not be counted'
      : count.status === 'counted' && count.atLeast
        ? `At least ${BigInt(count.count).toLocaleString('en-US')} rows: counting stopped there`
        : undefined
  return (
    <button
      type="button"
      role="menuitem"
      data-target={target.label}
      data-count={count.status === 'counted' ? count.count : undefined}
      data-at-least={count.status === 'counted' && count.atLeast ? 'true' : undefined}
      title={title}
      onClick={() => {
        target.open()
        onClose()
      }}
    >
      <span>{target.label}</span>
      {target.count ? <kbd className="qgrid-menu-count">{shown}</kbd> : null}
    </button>
  )
}
