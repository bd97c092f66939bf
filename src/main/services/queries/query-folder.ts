import { join } from 'node:path'
import { z } from 'zod'
import { StateFile, schemaParser } from '../state-file'

/** File name, inside the data directory, that remembers the folder chosen in the desktop app. */
export const QUERY_FOLDER_FILE = 'queries-folder.json'

const folderSchema = z.object({ version: z.literal(1), path: z.string().min(1).max(4096).nullable() })
type FolderFile = z.infer<typeof folderSchema>

/**
 * Where saved queries live: the folder the user chose last (desktop, remembered across restarts),
 * else the one given at start (browser mode: `--queries-dir` or QUARRY_QUERIES_DIR), else
 * `queries` in the data directory.
 */
export class QueryFolder {
  private readonly file: StateFile<FolderFile>

  constructor(
    private readonly fallback: string | null,
    dataDir: string | null,
  ) {
    const empty: FolderFile = { version: 1, path: null }
    this.file = new StateFile(dataDir ? join(dataDir, QUERY_FOLDER_FILE) : null, empty, schemaParser(folderSchema))
  }

  /** The folder now; null when there is none (no data directory and none given). */
  current(): string | null {
    return this.file.value.path ?? this.fallback
  }

  /** Remembers a folder the user chose in main's dialog. */
  async choose(path: string): Promise<void> {
    await this.file.replace({ version: 1, path })
  }
}
