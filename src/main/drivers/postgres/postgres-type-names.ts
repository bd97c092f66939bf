import type { PortalField } from './postgres-portal'

/** OIDs below this are the server's built-in objects: the same in every database. */
const FIRST_NORMAL_OID = 16_384

/**
 * format_type(oid, -1) of common built-in types, as the server prints them, so most results need
 * no lookup at all. Types with a modifier (varchar(20), numeric(38,10)) are asked of the server.
 */
const BUILT_IN: Record<number, string> = {
  16: 'boolean',
  17: 'bytea',
  18: '"char"',
  19: 'name',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  26: 'oid',
  114: 'json',
  142: 'xml',
  700: 'real',
  701: 'double precision',
  705: 'unknown',
  790: 'money',
  869: 'inet',
  1000: 'boolean[]',
  1005: 'smallint[]',
  1007: 'integer[]',
  1009: 'text[]',
  1016: 'bigint[]',
  1042: 'bpchar',
  1043: 'character varying',
  1082: 'date',
  1083: 'time without time zone',
  1114: 'timestamp without time zone',
  1184: 'timestamp with time zone',
  1186: 'interval',
  1266: 'time with time zone',
  1700: 'numeric',
  2249: 'record',
  2278: 'void',
  2950: 'uuid',
  3802: 'jsonb',
}

/** Asks the server for format_type of each (oid, typmod) pair, in order. */
export type TypeNameLookup = (database: string, types: number[], typmods: number[]) => Promise<string[]>

/**
 * Result column type names as psql prints them (`numeric(38,10)`, `character varying(20)`,
 * `integer[]`), from RowDescription's type OID and modifier. One connection-wide cache; user
 * types (enums, composites) are cached per database, since their OIDs are. At most one catalog
 * query per result, only for pairs not seen before; never per row.
 */
export class TypeNames {
  private readonly cache = new Map<string, string>()

  constructor(private readonly lookup: TypeNameLookup) {}

  async resolve(database: string, fields: readonly PortalField[]): Promise<(string | null)[]> {
    const keyOf = (field: PortalField) =>
      `${field.dataTypeID >= FIRST_NORMAL_OID ? `${database}/` : ''}${field.dataTypeID}/${field.dataTypeModifier}`
    const known = (field: PortalField) =>
      this.cache.get(keyOf(field)) ?? (field.dataTypeModifier === -1 ? BUILT_IN[field.dataTypeID] : undefined)
    const missing = new Map<string, PortalField>()
    for (const field of fields) if (known(field) === undefined) missing.set(keyOf(field), field)
    if (missing.size > 0) {
      const pending = [...missing.values()]
      try {
        const names = await this.lookup(
          database,
          pending.map((f) => f.dataTypeID),
          pending.map((f) => f.dataTypeModifier),
        )
        pending.forEach((field, i) => names[i] && this.cache.set(keyOf(field), names[i]))
      } catch {
        // Names are informative: a failed lookup leaves the type unknown rather than failing the query.
      }
    }
    return fields.map((field) => known(field) ?? null)
  }
}
