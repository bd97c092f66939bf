import { z } from 'zod'

/** What marks a Quarry connection export file. */
export const CONNECTION_EXPORT_FORMAT = 'quarry-connections'

/** Most connections one import takes. */
export const MAX_IMPORTED_CONNECTIONS = 10_000

/**
 * The export file: profiles only, never a secret. Entries are checked one by one on import
 * (connectionProfileSchema), so one bad entry is reported without losing the others.
 */
export const connectionExportSchema = z
  .object({
    format: z.literal(CONNECTION_EXPORT_FORMAT),
    version: z.literal(1),
    exportedAt: z.string().max(64).optional(),
    connections: z.array(z.unknown()).max(MAX_IMPORTED_CONNECTIONS),
  })
  .strict()

/** The file name an export is offered under. */
export const CONNECTION_EXPORT_FILE_NAME = 'quarry-connections.json'
