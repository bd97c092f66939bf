import { QuarryFailure } from '../../../shared/contract'
import type { QueryFolderListing } from '../../../shared/contract'
import type { Handlers } from '../dispatcher'
import type { QueryFolder } from './query-folder'
import { QueryFileStore } from './query-file-store'
import { nameInFolder } from './query-paths'

/** The desktop's dialogs for saved queries: each answers an absolute path, or null when dismissed. */
export interface QueryDialogs {
  chooseFolder(current: string): Promise<string | null>
  openQuery(folder: string): Promise<string | null>
  saveQuery(folder: string, suggested: string): Promise<string | null>
}

type QueryHandlers = Pick<Handlers, 'queries.list' | 'queries.chooseFolder' | 'queries.open' | 'queries.save'>

/** The `queries.*` requests: `.sql` files of one folder; the desktop's dialogs choose inside it. */
export function createQueryFileHandlers(folder: QueryFolder, dialogs?: QueryDialogs): QueryHandlers {
  const current = (): string => {
    const path = folder.current()
    if (path) return path
    throw new QuarryFailure({ kind: 'invalid-input', message: 'No queries folder: start Quarry with --queries-dir' })
  }
  const files = new QueryFileStore(current)
  const needDialogs = (what: string): QueryDialogs => {
    if (dialogs) return dialogs
    throw new QuarryFailure({ kind: 'invalid-input', message: `Browser mode has no file dialogs: ${what}` })
  }
  const listing = async (): Promise<QueryFolderListing> => ({ ...(await files.list()), canChoose: !!dialogs })
  return {
    'queries.list': listing,
    'queries.chooseFolder': async () => {
      const chosen = await needDialogs('the queries folder is given at start (--queries-dir)').chooseFolder(current())
      if (!chosen) return null
      await folder.choose(chosen)
      return listing()
    },
    'queries.open': async ({ name }) => {
      const chosen = name ?? (await pick((root) => needDialogs('pick a file in the sidebar').openQuery(root)))
      return chosen === null ? null : files.read(chosen)
    },
    'queries.save': async ({ name, sql, connection, database, overwrite }) => {
      const ask = (root: string) => needDialogs('type a name').saveQuery(root, 'query.sql')
      const chosen = name ?? (await pick(ask))
      if (chosen === null) return null
      // A name chosen in the dialog was confirmed there (the dialog asks before replacing a file).
      const replace = name === undefined || overwrite === true
      return files.write(chosen, sql, { connection, database: database ?? null }, replace)
    },
  }

  /** A dialog's pick as a name inside the folder (refused outside it); null when dismissed. */
  async function pick(dialog: (root: string) => Promise<string | null>): Promise<string | null> {
    const root = current()
    const path = await dialog(root)
    return path === null ? null : nameInFolder(root, path)
  }
}
