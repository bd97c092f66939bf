import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Recorder } from './recorder'
import { buildJsonReport, describeRun, formatMarkdown } from './report'
import type { RunContext } from './report'
import type { SummaryRow } from './summary'

/**
 * Writes `<timestamp>.json` (kept locally, ignored by git) and `latest.json` + `latest.md` (the
 * last run, committed so the README can show it). Returns the paths written.
 */
export async function writeResults(
  dir: string,
  context: RunContext,
  recorder: Recorder,
  summary: SummaryRow[],
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const json = `${JSON.stringify(buildJsonReport(context, recorder.samples, summary, recorder.rejected), null, 2)}\n`
  const stamp = context.startedAt.replace(/[:.]/g, '-')
  const files = [join(dir, `${stamp}.json`), join(dir, 'latest.json'), join(dir, 'latest.md')]
  await writeFile(files[0]!, json)
  await writeFile(files[1]!, json)
  const notes = context.notes.length ? `\n${context.notes.map((note) => `- ${note.split('\n')[0]}`).join('\n')}\n` : ''
  await writeFile(files[2]!, formatMarkdown(summary, describeRun(context)) + notes)
  return files
}
