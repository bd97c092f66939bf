// Apart from import-model (zod): SQLite's host reads dates with these and never loads zod.
/** The date orders a value may be written in, as shown to the user (a format starts with one). */
export const DATE_PATTERNS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const
export type DatePattern = (typeof DATE_PATTERNS)[number]
