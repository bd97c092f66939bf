import { z } from 'zod'
import { wireValueSchema } from './edit-model'

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

/** One per-column condition of a table query. */
export const columnConditionSchema = z
  .object({ column: name, op: z.enum(CONDITION_OPS), value: z.string().max(MAX_TABLE_FILTER_TEXT) })
  .strict()

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
    conditions: z.array(columnConditionSchema).max(MAX_TABLE_CONDITIONS),
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

/** Rows of one page of a table's Data view, at most (the renderer asks for fewer). */
export const MAX_TABLE_PAGE = 100_000
/** Columns a next page may name as those of the rows loaded (document fields). */
export const MAX_PAGE_COLUMNS = 10_000

/**
 * Which page of a table's Data view to read. Absent from a request: every row (as a query streams).
 * `size` null: every row after the cursor (Fetch all). The cursor is what main's answer to the
 * previous page named: `after` the last row's values of its `cursor` columns (keyset pages), or
 * `offset` the rows already read (tables without a usable key). Neither: the first page.
 * `columns`: the columns of the rows loaded, in order; a document engine's next page keeps them in
 * place (its rows are by field, and a page may bring fields in another order, or new ones after them).
 */
export const tablePageSchema = z
  .object({
    size: z.number().int().min(1).max(MAX_TABLE_PAGE).nullable(),
    after: z
      .array(wireValueSchema)
      .max(MAX_TABLE_SORT + 64)
      .optional(),
    offset: z.number().int().min(0).optional(),
    columns: z.array(z.string().max(1024)).max(MAX_PAGE_COLUMNS).optional(),
  })
  .strict()
  .refine((page) => page.after === undefined || page.offset === undefined, { message: 'after or offset, not both' })
export type TablePage = z.infer<typeof tablePageSchema>

/**
 * How main pages a table, answered with each page: `keyset` reads the rows after the last one's
 * `cursor` values (the sort columns, then the table's key: no snapshot or lock is held between
 * pages, and rows changed in between are seen as they are then); `offset` skips the rows already
 * read (no usable key, or a sort column without exact comparison): a row inserted or deleted
 * before the offset between pages shifts the next page by one row.
 */
export interface TablePageInfo {
  mode: 'keyset' | 'offset'
  /** Columns whose values, from the page's last row, the next page's `after` carries (keyset). */
  cursor: string[]
  /** Why the pages are by offset (the table has no usable key…); null for keyset. */
  reason: string | null
}
