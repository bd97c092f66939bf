import type { ImportAnalysis, ImportSource } from '../../../shared/contract/import-model'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import { ColumnProfiler } from './column-profiler'
import { openRecords } from './record-source'
import { proposedType } from '../../../shared/engines/proposed-type'

/**
 * Reads the whole file once and profiles every column from every value (constant memory: one
 * batch of records at a time). `facts`: the target engine's, for the types proposed.
 */
export async function analyseFile(
  source: ImportSource,
  facts: ImportFacts,
  options: { signal?: AbortSignal; onProgress?: (bytesRead: number, bytesTotal: number, rows: number) => void } = {},
): Promise<ImportAnalysis> {
  const started = performance.now()
  const records = await openRecords(source, options.signal)
  const profilers = records.header.map((name) => new ColumnProfiler(name))
  let rows = 0
  let ragged = 0
  for await (const batch of records.batches()) {
    for (const record of batch) {
      rows++
      if (record.length !== profilers.length) ragged++
      for (let c = 0; c < profilers.length; c++) profilers[c]!.add(record[c] ?? null, rows)
    }
    options.onProgress?.(records.bytesRead(), records.bytesTotal, rows)
  }
  const text = records.textFacts?.()
  return {
    ...(text
      ? {
          verbatim: {
            nullMarkers: text.markersSeen,
            strayQuotes: text.strayQuotes,
            columns: profilers.map((p) => p.verbatim()),
          },
        }
      : {}),
    file: source.file,
    format: source.format,
    delimiter: records.delimiter,
    rows,
    bytes: records.bytesTotal,
    ragged,
    elapsedMs: Math.round(performance.now() - started),
    columns: profilers.map((p) => {
      const profile = p.profile()
      return { ...profile, proposedType: proposedType(facts, profile) }
    }),
  }
}
