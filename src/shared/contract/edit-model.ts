import { z } from 'zod'
import type { SessionState } from './session-model'
import { BSON_TAG_NAMES } from './values'
import type { WireValue } from './values'

/**
 * Editing data (issue "Edit data with proof"): the renderer stages changes as data, main turns them
 * into the engine's statements (keyed, guarded by the original values, values as bind parameters)
 * and applies them in one transaction in the tab's session. The renderer never writes SQL.
 */

/** Most changes one apply may carry, and most columns one change may name. */
export const MAX_EDIT_CHANGES = 100_000
export const MAX_EDIT_COLUMNS = 4096
/** Longest text of one value (a hex binary counts two characters a byte): 64 MiB. */
export const MAX_EDIT_VALUE = 64 * 1024 * 1024

const name = z.string().min(1).max(1024)
const text = z.string().max(MAX_EDIT_VALUE)

/** A WireValue as the renderer sends it back (see values.ts); validated exactly, nothing else passes. */
export const wireValueSchema: z.ZodType<WireValue> = z.union([
  z.null(),
  z.boolean(),
  z.number(),
  text,
  z.object({ $: z.literal('int'), v: z.string().regex(/^-?\d{1,80}$/) }).strict(),
  z
    .object({
      $: z.literal('bytes'),
      v: z
        .string()
        .regex(/^(?:[0-9a-f]{2})*$/)
        .max(MAX_EDIT_VALUE),
      n: z.number().int().min(0),
    })
    .strict(),
  z.object({ $: z.literal('float'), v: z.enum(['Infinity', '-Infinity', 'NaN']) }).strict(),
  z
    .object({
      $: z.literal('bson'),
      t: z.enum(BSON_TAG_NAMES),
      v: text,
      sub: z.number().int().min(0).max(255).optional(),
    })
    .strict(),
]) as z.ZodType<WireValue>

/** A cell's new value: a value (null is SQL NULL, '' the empty string), or the column's DEFAULT. */
export const cellEditSchema = z.union([
  z.object({ value: wireValueSchema }).strict(),
  z.object({ default: z.literal(true) }).strict(),
])
export type CellEdit = z.infer<typeof cellEditSchema>

/** Column name → value. Values are exactly what was read (WireValue), so unedited ones round-trip. */
const row = z.record(name, wireValueSchema).refine((r) => Object.keys(r).length <= MAX_EDIT_COLUMNS, 'too many columns')
const cells = z
  .record(name, cellEditSchema)
  .refine((r) => Object.keys(r).length <= MAX_EDIT_COLUMNS, 'too many columns')

/**
 * One staged change on rows the user saw; `original` holds values as they were read, from which
 * main takes the key and the guard values. An update's `original` needs the key columns and every
 * column it sets (guarded by exactly those; main refuses the change when one is missing), and may
 * hold more, which are ignored. A delete's `original` is the whole row read: every column in it
 * that compares exactly guards it. An insert names only the columns the user set; the others
 * (defaults, identity/auto columns) are left to the server.
 */
export const rowChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('update'), original: row, set: cells }).strict(),
  z.object({ op: z.literal('insert'), values: cells }).strict(),
  z.object({ op: z.literal('delete'), original: row }).strict(),
])
export type RowChange = z.infer<typeof rowChangeSchema>

/** The rows being edited: a table (or, for document engines, a collection) of the connection. */
export const editTargetSchema = z.object({ schema: name.nullable(), table: name }).strict()
export type EditTarget = z.infer<typeof editTargetSchema>

/** What `edits.preview` and `edits.apply` take. */
export const editRequestShape = {
  target: editTargetSchema,
  /**
   * The key the user chose for a table with neither a primary key nor a unique NOT NULL one;
   * absent: main uses the primary key, else a unique NOT NULL key, else refuses with the reason.
   */
  keyColumns: z.array(name).min(1).max(64).optional(),
  changes: z.array(rowChangeSchema).min(1).max(MAX_EDIT_CHANGES),
}

/** The edit part of a request (target, chosen key, changes), as main's services pass it on. */
export interface EditRequest {
  target: EditTarget
  keyColumns?: string[]
  changes: RowChange[]
}

/**
 * Which key identifies the rows, and where it came from (stated in the review). `none` (no
 * columns): a table without a usable key whose changes are all inserts, which need none.
 */
export interface EditKey {
  columns: string[]
  source: 'primary-key' | 'unique' | 'chosen' | 'document-id' | 'none'
}

/** One statement of an apply, exactly as it will be sent: SQL text and its bound values apart. */
export interface EditStatement {
  /** Index of the change (in the request's `changes`) it comes from. */
  change: number
  sql: string
  params: WireValue[]
  /**
   * The same statement with its values written as the engine's literals, to read and copy; what
   * runs is `sql` with `params` bound (the review says so, and shows both).
   */
  display: string
}

/** What `edits.preview` answers: the key used and every statement the apply would run, in order. */
export interface EditPlan {
  key: EditKey
  statements: EditStatement[]
  /** Statements the apply wraps them in, as run (BEGIN/COMMIT, or a SAVEPOINT in an open transaction). */
  transaction: { begin: string; end: string }
}

/** A statement that did not affect exactly one row: the change, what it did, and the row as it is now. */
export interface EditConflict {
  change: number
  statement: EditStatement
  /** Rows it affected (0: the row changed or went away since it was read; >1: the key matched several). */
  affected: number
  /** The row as the server has it now, found by its key after the rollback; null when it is gone. */
  current: Record<string, WireValue> | null
}

/**
 * What `edits.apply` answers. Applied: every statement affected exactly one row; committed unless
 * the tab is in manual-commit mode (then they wait in its open transaction for Commit). Conflict:
 * every change was rolled back (to a savepoint when a transaction was already open), nothing kept,
 * except `keptChanges` on a server without transactions.
 */
export type EditOutcome =
  | { kind: 'applied'; statements: number; committed: boolean; elapsedMs: number; session: SessionState | null }
  | {
      kind: 'conflict'
      conflicts: EditConflict[]
      session: SessionState | null
      /**
       * Only where the server has no transactions (a standalone MongoDB server): changes (indexes in
       * the request) written before a write found its document changed, which stay applied. Every
       * guard is checked before the first write, so this is only non-empty when another client
       * changed a document between that check and the write.
       */
      keptChanges?: number[]
    }
