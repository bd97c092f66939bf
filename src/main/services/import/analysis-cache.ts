import { stat } from 'node:fs/promises'
import type { ImportAnalysis, ImportSource } from '../../../shared/contract/import-model'

/** Analyses kept (the last ones made: a dialog runs what it just analysed). */
const KEPT = 8

const keyOf = (s: ImportSource): string =>
  JSON.stringify([s.file, s.format, s.delimiter, s.nullMarkers, s.sheet ?? null])

const stamp = async (file: string): Promise<string> => {
  const { size, mtimeMs, ino } = await stat(file)
  return `${size}:${mtimeMs}:${ino}`
}

/**
 * The analyses main made, for the runs that follow them: a run is told its file's analysis only
 * when the file is read the same way and is unchanged since (same size, modification time and
 * inode as before the analysis began), so a direct load never trusts a stale or foreign profile.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { analysis: ImportAnalysis; stamp: string }>()

  /** The file's stamp, to take before analysing it. */
  stamp(source: ImportSource): Promise<string> {
    return stamp(source.file)
  }

  keep(source: ImportSource, fileStamp: string, analysis: ImportAnalysis): void {
    const key = keyOf(source)
    this.entries.delete(key)
    this.entries.set(key, { analysis, stamp: fileStamp })
    if (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value!)
  }

  /** The analysis of `source` as the file is now; undefined if there is none. */
  async recall(source: ImportSource): Promise<ImportAnalysis | undefined> {
    const entry = this.entries.get(keyOf(source))
    if (!entry) return undefined
    const now = await stamp(source.file).catch(() => null)
    return now === entry.stamp ? entry.analysis : undefined
  }
}
