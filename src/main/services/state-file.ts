import type { z } from 'zod'
import type { FileParser, JsonFile } from './connection-file'

/** Parses a state file's JSON with a schema; the first issue, in words, is what a damaged file reports. */
export const schemaParser =
  <T>(schema: z.ZodType<T>): FileParser<T> =>
  (text) => {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]
    throw new Error(`unexpected content at ${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'invalid'}`)
  }

/**
 * Writes the latest value of a JsonFile at most every `delayMs`, one write at a time: a burst of
 * changes costs one write. `flush()` writes what is pending now (shutdown, tests).
 */
export class CoalescedWriter<T> {
  private pending: { value: T } | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private writing: Promise<void> = Promise.resolve()
  /** The last write's failure, in words; null after a write succeeds. */
  problem: string | null = null

  constructor(
    private readonly file: JsonFile<T>,
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
