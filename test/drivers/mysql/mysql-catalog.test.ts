import { performance } from 'node:perf_hooks'
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import type { TableSchema } from '../../../src/shared/contract'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'
import { failureOf } from '../../helpers/streams'

const MANY = 10_000

const column = (schema: TableSchema, name: string) => schema.columns.find((c) => c.name === name)

describeMysql('mysql: catalog', (harness) => {
  let db: TestDatabase
  let many: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('details', [
      `CREATE TABLE parents (id INT UNSIGNED PRIMARY KEY AUTO_INCREMENT COMMENT 'the key', code CHAR(3) NOT NULL)`,
      `CREATE TABLE details (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        parent_id INT UNSIGNED,
        code CHAR(3) COLLATE utf8mb4_bin,
        created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
        note VARCHAR(255) DEFAULT 'it''s',
        amount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
        PRIMARY KEY (id),
        UNIQUE KEY code_unique (code),
        KEY note_prefix (note(10), created),
        CONSTRAINT details_parent FOREIGN KEY (parent_id) REFERENCES parents (id) ON DELETE SET NULL ON UPDATE CASCADE
      ) COMMENT 'details'`,
    ])
    // 10,000 tables, created over a few sessions of the harness's own, many statements per call.
    many = await harness.createDatabase('many', [])
    const creating = performance.now()
    const sessions = await Promise.all(
      [0, 1, 2, 3].map(() =>
        mysql.createConnection({ uri: harness.server.url, database: many.schema, multipleStatements: true }),
      ),
    )
    let next = 0
    await Promise.all(
      sessions.map(async (session) => {
        while (next < MANY) {
          const from = next
          next += 250
          const count = Math.min(250, MANY - from)
          const ddl = Array.from(
            { length: count },
            (_, i) => `CREATE TABLE t${String(from + i).padStart(5, '0')} (id INT PRIMARY KEY, name VARCHAR(20))`,
          )
          await session.query(ddl.join(';'))
        }
        await session.end()
      }),
    )
    const admin = await harness.admin()
    await admin.query(`CREATE VIEW \`${many.schema}\`.v_first AS SELECT * FROM \`${many.schema}\`.t00000`)
    await admin.query(`CREATE TABLE \`${many.schema}\`.other_engine (x INT) ENGINE=MyISAM`)
    console.log(`[mysql] created ${MANY} tables in ${((performance.now() - creating) / 1000).toFixed(1)} s`)
    connection = await harness.driver().connect(harness.options())
  }, 120_000)
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it(`lists a database with ${MANY.toLocaleString('en')} tables in under a second`, async () => {
    // The best of up to three listings: a loaded machine can stall one, a slow query is slow every time.
    let tables: Awaited<ReturnType<typeof connection.tables>> = []
    let elapsed = Infinity
    for (let attempt = 0; attempt < 3 && elapsed >= 1_000; attempt++) {
      const started = performance.now()
      tables = await connection.tables(harness.serverName, many.schema)
      elapsed = Math.min(elapsed, performance.now() - started)
    }
    console.log(`[mysql] ${tables.length} tables listed in ${elapsed.toFixed(0)} ms`)
    expect(tables).toHaveLength(MANY + 2)
    expect(elapsed).toBeLessThan(1_000)
    const byName = new Map(tables.map((t) => [t.name, t]))
    expect(byName.get('t00000')).toMatchObject({ kind: 'table', rowCount: 0, rowCountExact: false })
    expect(byName.get('v_first')).toMatchObject({ kind: 'view', rowCount: null })
    expect(byName.get('other_engine')).toMatchObject({ kind: 'table' })
    const schemaStarted = performance.now()
    const schema = await connection.tableSchema(harness.serverName, many.schema, 't09999')
    expect(performance.now() - schemaStarted).toBeLessThan(1_000)
    expect(schema.primaryKey).toEqual(['id'])
  })

  it('shows the server as the one database and each MySQL database as a schema, system ones marked', async () => {
    const databases = await connection.databases()
    expect(databases).toEqual([{ name: harness.serverName, sizeBytes: expect.any(Number) }])
    const schemas = await connection.schemas(harness.serverName)
    const byName = new Map(schemas.map((s) => [s.name, s.isSystem]))
    expect(byName.get(db.schema)).toBe(false)
    expect(byName.get('mysql')).toBe(true)
    expect(byName.get('information_schema')).toBe(true)
    expect(byName.get('performance_schema')).toBe(true)
    await failureOf(connection.schemas(db.schema), 'not-found')
  })

  it('describes columns, keys, indexes and foreign keys as declared', async () => {
    const details = await connection.tableSchema(harness.serverName, db.schema, 'details')
    expect(details.primaryKey).toEqual(['id'])
    expect(column(details, 'id')).toMatchObject({ autoIncrement: true, nullable: false, primaryKeyPosition: 1 })
    expect(column(details, 'id')?.dataType).toMatch(/^bigint(\(20\))? unsigned$/)
    expect(column(details, 'code')).toMatchObject({ unique: true, dataType: 'char(3) COLLATE utf8mb4_bin' })
    expect(column(details, 'created')?.defaultValue).toMatch(/^current_timestamp(\(\))?$/i)
    expect(column(details, 'note')?.defaultValue).toBe("'it''s'")
    expect(column(details, 'amount')?.defaultValue).toBe('0.00')
    expect(details.indexes.map((i) => i.name)).toEqual(['PRIMARY', 'code_unique', 'details_parent', 'note_prefix'])
    expect(details.indexes.find((i) => i.name === 'note_prefix')?.columns).toEqual(['note(10)', 'created'])
    expect(details.foreignKeys).toEqual([
      {
        name: 'details_parent',
        columns: ['parent_id'],
        referencedSchema: db.schema,
        referencedTable: 'parents',
        referencedColumns: ['id'],
        onUpdate: 'CASCADE',
        onDelete: 'SET NULL',
      },
    ])
    expect(details.definition).toMatch(/^CREATE TABLE `details` \(/)
    const parents = await connection.tableSchema(harness.serverName, db.schema, 'parents')
    expect(column(parents, 'id')?.comment).toBe('the key')
  })

  it('passes names as parameters: odd names are found, and never run', async () => {
    const odd = "we'ird`name; DROP TABLE parents; --"
    const admin = await harness.admin()
    await admin.query(`CREATE TABLE \`${db.schema}\`.\`${odd.replaceAll('`', '``')}\` (x INT)`)
    const tables = await connection.tables(harness.serverName, db.schema)
    expect(tables.map((t) => t.name)).toContain(odd)
    const schema = await connection.tableSchema(harness.serverName, db.schema, odd)
    expect(schema.columns.map((c) => c.name)).toEqual(['x'])
    expect(schema.definition).toContain("`we'ird``name; DROP TABLE parents; --`")
    await failureOf(connection.tableSchema(harness.serverName, db.schema, "x' OR '1'='1"), 'not-found')
    expect((await connection.tables(harness.serverName, db.schema)).map((t) => t.name)).toContain('parents')
  })
})
