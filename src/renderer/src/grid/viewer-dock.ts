import { useCallback, useState } from 'react'

const KEY = 'quarry.cellViewer.docked'

/** Whether the cell viewer is docked beside the grid (the grid narrows) rather than over it; remembered. */
export function useViewerDock(): [boolean, (docked: boolean) => void] {
  const [docked, setState] = useState(() => globalThis.localStorage?.getItem(KEY) === '1')
  const set = useCallback((next: boolean) => {
    setState(next)
    if (next) globalThis.localStorage?.setItem(KEY, '1')
    else globalThis.localStorage?.removeItem(KEY)
  }, [])
  return [docked, set]
}
