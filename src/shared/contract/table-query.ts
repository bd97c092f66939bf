import { z } from 'zod'

/** Comparisons a per-column condition offers. */
export const CONDITION_OPS = ['=', '<>', '<', '<=', '>', '>=', 'LIKE', 'NOT LIKE', 'IS NULL', 'IS NOT NULL'] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]

/** Whether a comparison takes no value (its `value` is ignored). */
export const takesNoValue = (op: ConditionOp): boolean => op === 'IS NULL' || op === 'IS NOT NULL'

/** Longest WHERE text and condition value accepted (64 KiB each). */
export const MAX_TABLE_FILTER_TEXT = 64 * 1024
/** Most conditions and sort columns one table query may have. */
export const MAX_TABLE_CONDITIONS = 100
export const MAX_TABLE_SORT = 32

const name = z.string().min(1).max(1024)

/**
 * What a table's Data view asks for: main builds the engine's statement from it, identifiers
 * quoted by the dialect and condition values sent as bind parameters (never spliced into SQL).
 */
export const tableQuerySchema = z
  .object({
    schema: name.nullable(),
    table: name,
    /** A WHERE expression typed by the user (their own SQL, like the editor's), or ''. */
    where: z.string().max(MAX_TABLE_FILTER_TEXT),
    conditions: z
      .array(
        z.object({ column: name, op: z.enum(CONDITION_OPS), value: z.string().max(MAX_TABLE_FILTER_TEXT) }).strict(),
      )
      .max(MAX_TABLE_CONDITIONS),
    sort: z.array(z.object({ column: name, descending: z.boolean() }).strict()).max(MAX_TABLE_SORT),
  })
  .strict()

export type TableQuery = z.infer<typeof tableQuerySchema>
/** One per-column condition; `value` is typed text, bound as a parameter (the engine converts it). */
export type ColumnCondition = TableQuery['conditions'][number]
export type SortColumn = TableQuery['sort'][number]

/** The statement main built for a table query, as it was sent: SQL text and its parameters apart. */
export interface BuiltTableQuery {
  sql: string
  params: string[]
}
