import { useEffect, useState } from 'react'
import { useApp } from '../app-context'
import { QueryRun } from './query-run'

/** A QueryRun owned by a component: cancelled and released when it unmounts. */
export function useQueryRun(connectionId: string): QueryRun {
  const { client, router } = useApp()
  const [run] = useState(() => new QueryRun(client, router, connectionId))
  useEffect(() => () => run.dispose(), [run])
  return run
}
