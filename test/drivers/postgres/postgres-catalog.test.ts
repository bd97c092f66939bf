import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PostgresConnection } from '../../../src/main/drivers/postgres/postgres-connection'
import type { TestDatabase } from '../../helpers/engine-harness'
import { postgresHarness, postgresUrl } from '../../helpers/postgres-harness'
import { failureOf } from '../../helpers/streams'

const WIDE = 10_000

const CATALOG = [
  'CREATE SCHEMA "Odd Schema"',
  `CREATE TABLE "Odd Schema"."Mixed Case" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    price numeric(12, 2) NOT NULL DEFAULT 0,
    doubled numeric GENERATED ALWAYS AS (price * 2) STORED,
    label varchar(40) UNIQUE,
    "Quoted ""Name""" text,
    stamp timestamptz(3) DEFAULT now(),
    tags text[]
  )`,
  `COMMENT ON COLUMN "Odd Schema"."Mixed Case".price IS 'in cents'`,
  `CREATE TABLE "Odd Schema".child (
    id serial PRIMARY KEY,
    parent_id bigint REFERENCES "Odd Schema"."Mixed Case" ON UPDATE CASCADE ON DELETE SET DEFAULT DEFAULT 1,
    CONSTRAINT positive CHECK (id > 0)
  )`,
  'CREATE INDEX child_hash ON "Odd Schema".child USING hash (parent_id)',
  'CREATE INDEX mixed_tags ON "Odd Schema"."Mixed Case" USING gin (tags)',
  'CREATE INDEX mixed_label_lower ON "Odd Schema"."Mixed Case" (lower(label)) WHERE price > 0',
  'CREATE TABLE with_null_default (a int DEFAULT NULL, b text DEFAULT NULL::text, c int DEFAULT 7)',
  'CREATE TABLE measurements (city int NOT NULL, logdate date NOT NULL) PARTITION BY RANGE (logdate)',
  "CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
  "INSERT INTO measurements SELECT g, DATE '2024-01-01' + g % 300 FROM generate_series(1, 500) AS g",
  'CREATE MATERIALIZED VIEW city_counts AS SELECT city, count(*) AS n FROM measurements GROUP BY city',
  'CREATE INDEX city_counts_city ON city_counts USING brin (city)',
  // The partition's own constraints (its parent has none): the DDL text must not drop them.
  'ALTER TABLE measurements_2024 ADD CONSTRAINT city_positive CHECK (city > 0)',
  'ALTER TABLE measurements_2024 ADD CONSTRAINT city_fk FOREIGN KEY (city) REFERENCES "Odd Schema".child (id) NOT VALID',
  'CREATE FOREIGN DATA WRAPPER quarry_dummy',
  'CREATE SERVER quarry_remote FOREIGN DATA WRAPPER quarry_dummy',
  'CREATE FOREIGN TABLE remote_things (id int, name text) SERVER quarry_remote',
  'CREATE TABLE never_analyzed (x int)',
  'INSERT INTO never_analyzed SELECT generate_series(1, 10)',
  'ANALYZE measurements_2024',
  'CREATE SCHEMA wide',
  // Committed every 500 tables: one transaction would need a lock per table.
  `DO $$ BEGIN
    FOR i IN 1..${WIDE} LOOP
      EXECUTE format('CREATE TABLE wide.t%s (id int)', i);
      IF i % 500 = 0 THEN COMMIT; END IF;
    END LOOP;
  END $$`,
]

describe.skipIf(!postgresUrl())('postgres: catalog', () => {
  const harness = postgresHarness()
  let db: TestDatabase
  let connection: PostgresConnection

  beforeAll(async () => {
    db = await harness.createDatabase('pgcatalog', CATALOG)
    connection = (await harness.driver().connect(db.options)) as PostgresConnection
  }, 120_000)
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it(`lists a schema of ${WIDE.toLocaleString('en')} tables in under a second`, async () => {
    const t0 = performance.now()
    const tables = await connection.tables(db.name, 'wide')
    const elapsed = performance.now() - t0
    console.log(`[postgres] ${tables.length} tables listed in ${elapsed.toFixed(1)} ms`)
    expect(tables).toHaveLength(WIDE)
    expect(tables[0]).toEqual({ schema: 'wide', name: 't1', kind: 'table', rowCount: null, rowCountExact: false })
    expect(elapsed).toBeLessThan(1_000)
  })

  it('hides system schemas unless asked, and marks them', async () => {
    const names = (await connection.schemas(db.name)).map((s) => s.name)
    expect(names).toEqual(expect.arrayContaining(['Odd Schema', 'public', 'wide']))
    expect(names.some((n) => n.startsWith('pg_') || n === 'information_schema')).toBe(false)
    const all = await connection.schemas(db.name, { includeSystem: true })
    expect(all).toContainEqual({ name: 'pg_catalog', isSystem: true })
    expect(all).toContainEqual({ name: 'information_schema', isSystem: true })
    expect(all).toContainEqual({ name: 'public', isSystem: false })
  })

  it('lists every kind of relation with estimated row counts', async () => {
    const tables = new Map((await connection.tables(db.name, 'public')).map((t) => [t.name, t]))
    expect(tables.get('measurements')).toMatchObject({ kind: 'partitioned-table', rowCount: 500, rowCountExact: false })
    expect(tables.get('measurements_2024')).toMatchObject({ kind: 'table', rowCount: 500 })
    expect(tables.get('city_counts')).toMatchObject({ kind: 'materialized-view' })
    expect(tables.get('remote_things')).toMatchObject({ kind: 'virtual-table', rowCount: null })
    // Never vacuumed or analyzed: unknown, not zero (and never counted).
    expect(tables.get('never_analyzed')).toMatchObject({ kind: 'table', rowCount: null })
  })

  it('describes identity, generated, serial and commented columns, quoted names included', async () => {
    const table = await connection.tableSchema(db.name, 'Odd Schema', 'Mixed Case')
    const byName = new Map(table.columns.map((c) => [c.name, c]))
    expect(byName.get('id')).toMatchObject({
      dataType: 'bigint',
      nullable: false,
      autoIncrement: true,
      defaultValue: null,
      primaryKeyPosition: 1,
    })
    expect(byName.get('price')).toMatchObject({ dataType: 'numeric(12,2)', defaultValue: '0', comment: 'in cents' })
    expect(byName.get('doubled')?.defaultValue).toBe('GENERATED ALWAYS AS (price * (2)::numeric) STORED')
    expect(byName.get('label')).toMatchObject({ dataType: 'character varying(40)', unique: true })
    expect(byName.get('Quoted "Name"')).toMatchObject({ dataType: 'text', nullable: true })
    expect(byName.get('stamp')).toMatchObject({ dataType: 'timestamp(3) with time zone', defaultValue: 'now()' })
    expect(byName.get('tags')?.dataType).toBe('text[]')
    expect(table.definition).toContain('CREATE TABLE "Odd Schema"."Mixed Case" (')
    expect(table.definition).toContain('id bigint GENERATED ALWAYS AS IDENTITY')
    expect(table.definition).toContain('"Quoted ""Name""" text')
    expect(table.definition).toContain('PRIMARY KEY (id)')
  })

  it('reports foreign key actions, check constraints and index methods', async () => {
    const child = await connection.tableSchema(db.name, 'Odd Schema', 'child')
    expect(child.columns[0]).toMatchObject({ name: 'id', autoIncrement: true })
    expect(child.foreignKeys).toEqual([
      {
        name: 'child_parent_id_fkey',
        columns: ['parent_id'],
        referencedSchema: 'Odd Schema',
        referencedTable: 'Mixed Case',
        referencedColumns: ['id'],
        onUpdate: 'CASCADE',
        onDelete: 'SET DEFAULT',
      },
    ])
    expect(child.indexes.map((i) => [i.name, i.method])).toEqual([
      ['child_pkey', 'btree'],
      ['child_hash', 'hash'],
    ])
    expect(child.checks).toEqual([{ name: 'positive', expression: '(id > 0)' }])
    const mixed = await connection.tableSchema(db.name, 'Odd Schema', 'Mixed Case')
    expect(mixed.indexes.find((i) => i.name === 'mixed_tags')).toMatchObject({ method: 'gin', expressions: false })
    expect(mixed.indexes.find((i) => i.name === 'mixed_label_lower')).toMatchObject({
      method: 'btree',
      expressions: true,
      columns: ['lower(label::text)'],
      predicate: 'price > 0::numeric',
    })
    expect(child.definition).toContain('CONSTRAINT positive CHECK (id > 0)')
    expect(child.definition).toContain('CREATE INDEX child_hash ON "Odd Schema".child USING hash (parent_id);')
  })

  it('gives partitioned tables, partitions, materialized views and foreign tables a definition', async () => {
    const parent = await connection.tableSchema(db.name, 'public', 'measurements')
    expect(parent).toMatchObject({ kind: 'partitioned-table' })
    expect(parent.definition).toContain('PARTITION BY RANGE (logdate)')
    const partition = await connection.tableSchema(db.name, 'public', 'measurements_2024')
    expect(partition.definition).toMatch(/PARTITION OF public\.measurements\s+FOR VALUES FROM \('2024-01-01'\)/)
    expect(partition.definition).toContain(
      'ALTER TABLE ONLY public.measurements_2024\n    ADD CONSTRAINT city_fk FOREIGN KEY (city) REFERENCES "Odd Schema".child(id) NOT VALID;',
    )
    expect(partition.definition).toContain('ADD CONSTRAINT city_positive CHECK (city > 0);')
    expect(partition.foreignKeys.map((fk) => fk.name)).toEqual(['city_fk'])
    expect(partition.checks).toEqual([{ name: 'city_positive', expression: '(city > 0)' }])
    const view = await connection.tableSchema(db.name, 'public', 'city_counts')
    expect(view.definition).toMatch(/^CREATE MATERIALIZED VIEW public\.city_counts AS\n SELECT[^;]*;\n\n/)
    expect(view.definition).toContain('CREATE INDEX city_counts_city ON public.city_counts USING brin (city);')
    expect(view.indexes).toMatchObject([{ name: 'city_counts_city', method: 'brin' }])
    const foreign = await connection.tableSchema(db.name, 'public', 'remote_things')
    expect(foreign.definition).toMatch(/CREATE FOREIGN TABLE public\.remote_things \([\s\S]*\)\nSERVER quarry_remote;/)
  })

  it('reports an explicit DEFAULT NULL as no default, like a column without one', async () => {
    const table = await connection.tableSchema(db.name, 'public', 'with_null_default')
    expect(table.columns.map((c) => c.defaultValue)).toEqual([null, null, '7'])
  })

  it('lists the databases of the server with their sizes', async () => {
    const databases = await connection.databases()
    expect(databases.map((d) => d.name)).toEqual(expect.arrayContaining(['postgres', db.name]))
    expect(databases.find((d) => d.name === db.name)?.sizeBytes).toBeGreaterThan(1_000_000)
    expect(databases.some((d) => d.name.startsWith('template'))).toBe(false)
  })

  it('introspects another database of the server through its own session', async () => {
    expect((await connection.schemas('postgres')).map((s) => s.name)).toContain('public')
    const sessions = (await connection.diagnostics()).sessions.filter((s) => s.role === 'meta')
    expect(sessions.map((s) => s.database).sort()).toEqual([db.name, 'postgres'].sort())
    await failureOf(connection.tables('no_such_database', 'public'), 'not-found')
  })
})
