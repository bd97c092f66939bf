/**
 * A value written in MongoDB shell syntax, as parsed: plain data, never code. Main turns it into
 * BSON; the renderer reads nested documents of results back into a tree with the same parser.
 */
export type ShellValue =
  | { kind: 'null' }
  | { kind: 'undefined' }
  | { kind: 'bool'; value: boolean }
  /** A number literal; `text` keeps what was written (so `1.0` and `1` stay apart if needed). */
  | { kind: 'number'; value: number; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'regex'; pattern: string; flags: string }
  | { kind: 'array'; items: ShellValue[] }
  /** Keys in the order written; duplicates are kept as written (the last wins in BSON). */
  | { kind: 'object'; entries: [string, ShellValue][] }
  /** A constructor call such as ObjectId("…"), ISODate("…"), NumberLong(…); `new` is allowed. */
  | { kind: 'call'; name: string; args: ShellValue[]; position: number }

/** A typed syntax error: what is wrong and where (1-based character offset in the text). */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message)
    this.name = 'ShellSyntaxError'
  }
}
