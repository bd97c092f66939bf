import { z } from 'zod'

/**
 * Where an ER diagram's boxes are, per connection, database and schema, kept in main's state file
 * (`er.loadLayout` / `er.saveLayout`): the places the user dragged boxes to, and the last automatic
 * layout of the whole schema with the hash of the graph it was made for (reused while it matches).
 */

/** Top-left corners of boxes, by table name. */
export type PlacedBoxes = Record<string, [number, number]>

export interface ErLayout {
  /** Where the user left boxes (drags); these win over any layout. */
  positions: PlacedBoxes
  /** The last automatic layout of the whole schema, and the hash of the graph it was made for. */
  laid: { hash: string; positions: PlacedBoxes } | null
}

/** Tables one layout may place (each of its two maps). */
export const MAX_LAYOUT_TABLES = 20_000
/** Largest layout saved, in UTF-8 bytes of its JSON (a 2,000-table layout is about 100 KB). */
export const MAX_LAYOUT_BYTES = 4 * 1024 * 1024
/** Layouts kept in the file; the least recently saved go first. */
export const MAX_LAYOUTS = 100

const coordinate = z.number().finite().min(-1e7).max(1e7)
export const placedBoxesSchema = z
  .record(z.string().min(1).max(1024), z.tuple([coordinate, coordinate]))
  .refine((boxes) => Object.keys(boxes).length <= MAX_LAYOUT_TABLES, {
    message: `a layout places at most ${MAX_LAYOUT_TABLES.toLocaleString('en-US')} tables`,
  })

export const erLayoutSchema = z
  .object({
    positions: placedBoxesSchema,
    laid: z
      .object({ hash: z.string().regex(/^[0-9a-f]{1,64}$/), positions: placedBoxesSchema })
      .strict()
      .nullable(),
  })
  .strict()
