import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync } from 'node:fs'
import { mkdir, open, rename, unlink } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { QuarryFailure } from '../../shared/contract'

/** Reads a file's text into a value; throws (anything) when the text is not valid. */
export type FileParser<T> = (text: string) => T

/**
 * One JSON file of the data directory, held in memory. Writes go to a temporary file that is
 * renamed over the old one, so a crash leaves the old or the new file, never half of one. A file
 * that cannot be read is moved aside as `<name>.corrupt-<time>` and reported, never overwritten.
 * With no path, the value lives in memory only (tests, or no data directory).
 */
export class JsonFile<T> {
  private current: T
  /** Why the file could not be read at start-up, in words for the user; null when it was fine. */
  readonly problem: string | null
  /** Set when the unreadable file could not be moved aside: writing would destroy it. */
  private readonly blocked: boolean

  constructor(
    readonly path: string | null,
    empty: T,
    parse: FileParser<T>,
    private readonly mode: number,
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
        message: `${basename(path)} could not be read or moved aside, so Quarry will not overwrite it: ${this.problem}`,
      })
    }
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
    try {
      // 'wx': a fresh file created with the mode, so a password file is never readable by others.
      const handle = await open(temporary, 'wx', this.mode)
      try {
        await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, path)
    } catch (error) {
      await unlink(temporary).catch(() => undefined)
      const reason = error instanceof Error ? error.message : String(error)
      throw new QuarryFailure({ kind: 'internal', message: `Could not save ${basename(path)}: ${reason}` })
    }
  }
}

function load<T>(path: string, empty: T, parse: FileParser<T>): { value: T; problem: string | null; blocked: boolean } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: empty, problem: null, blocked: false }
    return { value: empty, problem: `${path} could not be read (${describe(error)})`, blocked: true }
  }
  try {
    return { value: parse(text), problem: null, blocked: false }
  } catch (error) {
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
    try {
      renameSync(path, aside)
    } catch (renameError) {
      return {
        value: empty,
        problem: `${path} is damaged and could not be moved aside (${describe(renameError)})`,
        blocked: true,
      }
    }
    return {
      value: empty,
      problem: `${path} was damaged (${describe(error)}); it was kept as ${aside}, and Quarry started without what it held`,
      blocked: false,
    }
  }
}

const describe = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
