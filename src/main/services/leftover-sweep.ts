import { readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { processIsAlive } from './process-alive'
import { STATE_TEMPORARY_NAME } from './state-file'

/**
 * Removes the temporary state files (`<name>.json.tmp-<pid>-<random>`) that a crashed Quarry left
 * in the data directory: a leftover of the secrets file may hold passwords. Only files whose
 * writer is no longer running are removed; another running Quarry's write in progress is kept.
 * Resolves with the names removed.
 */
export async function sweepStateTemporaries(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names) {
    const pid = Number(STATE_TEMPORARY_NAME.exec(name)?.[1] ?? 0)
    if (pid <= 0 || processIsAlive(pid)) continue
    await unlink(join(dataDir, name)).then(
      () => removed.push(name),
      () => undefined,
    )
  }
  return removed
}
