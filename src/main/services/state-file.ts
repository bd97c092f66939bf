import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync } from 'node:fs'
import { mkdir, open, rename, unlink } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { z } from 'zod'
import { QuarryFailure } from '../../shared/contract'
import type { StateFileProblem } from '../../shared/contract'

/** Reads a file's text into a value; throws a ForeignContent when it is JSON but not ours, anything else when it is damaged. */
export type FileParser<T> = (text: string) => T

/** Thrown by a parser when the text is valid JSON of the wrong shape (another program's, another version's). */
export class ForeignContent extends Error {}

/** A parser from a zod schema: not JSON is damage; JSON of another shape is foreign, named by its first issue. */
export const schemaParser =
  <T>(schema: z.ZodType<T>): FileParser<T> =>
  (text) => {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.') || 'the top level'
    throw new ForeignContent(`unexpected content at ${where}: ${issue?.message ?? 'invalid'}`)
  }

/**
 * One JSON state file of the data directory (connections, tabs, history, settings), held in memory.
 * Writes go to a temporary file in the same directory, are fsynced, then renamed over the old one,
 * so a crash or power cut leaves the old or the new file, never half of one (a stray temporary file
 * at worst, which is never read). A file that cannot be read is moved aside as
 * `<name>.corrupt-<time>` and reported as a StateFileProblem, never overwritten. With no path, the
 * value lives in memory only (tests, or no data directory).
 */
export class StateFile<T> {
  private current: T
  /** What was wrong with the file at start-up; null when it was fine or absent. */
  readonly problem: StateFileProblem | null
  /** Set when the unreadable file could not be moved aside: writing would destroy it. */
  private readonly blocked: boolean

  constructor(
    readonly path: string | null,
    empty: T,
    parse: FileParser<T>,
    private readonly mode = 0o600,
    /** What is written for a value (the value itself unless given, e.g. encrypted secrets). */
    private readonly serialize: (value: T) => unknown = (value) => value,
  ) {
    const loaded = path ? load(path, empty, parse) : { value: empty, problem: null, blocked: false }
    this.current = loaded.value
    this.problem = loaded.problem
    this.blocked = loaded.blocked
  }

  get value(): T {
    return this.current
  }

  /** Writes the next value, then holds it: memory follows disk. Callers run one write at a time. */
  async replace(next: T): Promise<void> {
    if (this.path) await this.write(this.path, next)
    this.current = next
  }

  private async write(path: string, value: T): Promise<void> {
    if (this.blocked) {
      throw new QuarryFailure({
        kind: 'internal',
        message: `${basename(path)} could not be read or moved aside, so Quarry will not overwrite it: ${this.problem?.message}`,
      })
    }
    const temporary = temporaryPathFor(path)
    try {
      // Inside the try: a data directory that cannot be made is said like any other refusal.
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      // 'wx': a fresh file created with the mode, so a secrets file is never readable by others.
      const handle = await open(temporary, 'wx', this.mode)
      try {
        await handle.writeFile(`${JSON.stringify(this.serialize(value), null, 2)}\n`, 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, path)
      await syncDirectory(dirname(path))
    } catch (error) {
      await unlink(temporary).catch(() => undefined)
      throw new QuarryFailure({ kind: 'internal', message: `Could not save ${basename(path)}: ${describe(error)}` })
    }
  }
}

/** A state file's temporary name: `<name>.tmp-<writer pid>-<random>`, so a sweep can tell whose it is. */
const temporaryPathFor = (path: string): string => `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`

/** Matches a temporary state file's name; group 1 is the pid of the process that wrote it. */
export const STATE_TEMPORARY_NAME = /^[^/\\]+\.json\.tmp-(\d+)-[0-9a-f]{8}$/

/** Makes the rename itself durable; some file systems cannot sync a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null)
  await handle
    ?.sync()
    .catch(() => undefined)
    .finally(() => handle.close())
}

type Loaded<T> = { value: T; problem: StateFileProblem | null; blocked: boolean }

function load<T>(path: string, empty: T, parse: FileParser<T>): Loaded<T> {
  const file = basename(path)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: empty, problem: null, blocked: false }
    const message = `${path} could not be read (${describe(error)}); Quarry will not overwrite it`
    return { value: empty, problem: { file, kind: 'unreadable', message }, blocked: true }
  }
  try {
    return { value: parse(text), problem: null, blocked: false }
  } catch (error) {
    const kind = error instanceof ForeignContent ? 'foreign' : 'damaged'
    const what = kind === 'foreign' ? 'not a file this version of Quarry can read' : 'damaged'
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
    try {
      renameSync(path, aside)
    } catch (renameError) {
      const message = `${path} is ${what} and could not be moved aside (${describe(renameError)})`
      return { value: empty, problem: { file, kind, message }, blocked: true }
    }
    const message = `${path} was ${what} (${describe(error)}); it was kept as ${aside}, and Quarry started without what it held`
    return { value: empty, problem: { file, kind, message, keptAs: aside }, blocked: false }
  }
}

const describe = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

/**
 * Writes the latest value of a StateFile at most every `delayMs`, one write at a time: a burst of
 * changes costs one write. `flush()` writes what is pending now (shutdown, tests).
 */
export class CoalescedWriter<T> {
  private pending: { value: T } | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private writing: Promise<void> = Promise.resolve()
  /** The last write's failure, in words; null after a write succeeds. */
  problem: string | null = null

  constructor(
    private readonly file: StateFile<T>,
    private readonly delayMs: number,
  ) {}

  schedule(value: T): void {
    this.pending = { value }
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs)
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const next = this.pending
    this.pending = null
    if (next) {
      this.writing = this.writing.then(async () => {
        try {
          await this.file.replace(next.value)
          this.problem = null
        } catch (error) {
          this.problem = error instanceof Error ? error.message : String(error)
        }
      })
    }
    await this.writing
  }
}

/** A state file's problem in words for the user (the file kept aside, and why). */
export const describeProblem = (problem: StateFileProblem | null): string | null =>
  problem ? `${problem.file}: ${problem.message}${problem.keptAs ? ` (kept as ${problem.keptAs})` : ''}` : null
