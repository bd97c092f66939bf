import { useSyncExternalStore } from 'react'
import { TID } from '../test-ids'
import type { TabPersistence } from './tab-persistence'

/** Says, while it lasts, that the tabs journal is not reaching the disk (disk full, too much text…). */
export function TabsSaveNotice({ journal }: { journal: TabPersistence }) {
  const problem = useSyncExternalStore(journal.subscribe, journal.getProblem)
  if (!problem) return null
  return (
    <div className="banner" role="alert" data-testid={TID.tabsSaveProblem}>
      Query tabs are not being saved: {problem}
    </div>
  )
}
