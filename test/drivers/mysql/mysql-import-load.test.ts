import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { runImport, type ImportTarget } from '../../../src/main/services/import/import-runner'
import type { ImportColumn, ImportPlan } from '../../../src/shared/contract/import-model'
import { MYSQL } from '../../../src/shared/engines/mysql'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'

/**
 * MySQL's import bulk path (issue 17): LOAD DATA LOCAL of each batch streamed from memory where the
 * server allows local files, multi-row INSERTs where it does not; both reject the same rows with the
 * server's reason (LOCAL turns a bad value into a warning: a warning fails the row).
 */
describeMysql('mysql: import through LOAD DATA LOCAL', (harness) => {
  let db: TestDatabase
  let connection: DriverConnection
  let target: ImportTarget
  let dir: string
  let file: string
  const loads = async (): Promise<number> =>
    Number((await connection.execute("SHOW GLOBAL STATUS LIKE 'Com_load'")).rows[0]![1])
  const columns: ImportColumn[] = [
    { source: 0, target: 'id', kind: 'integer', format: null, type: 'x' },
    { source: 1, target: 'name', kind: 'text', format: null, type: 'x' },
  ]
  const plan = (table: string): ImportPlan => ({
    source: { file, format: 'delimited', delimiter: ',', nullMarkers: [''] },
    database: db.options.database,
    schema: null,
    table,
    createTable: false,
    columns,
    dryRun: false,
    onError: 'skip',
  })
  const rowsOf = async (table: string): Promise<unknown[][]> =>
    (await connection.execute(`SELECT id, name FROM ${table} ORDER BY id`)).rows

  beforeAll(async () => {
    db = await harness.createDatabase('importload', [
      'CREATE TABLE viaload (id INT PRIMARY KEY, name VARCHAR(6) NOT NULL)',
      'CREATE TABLE viainsert (id INT PRIMARY KEY, name VARCHAR(6) NOT NULL)',
      "INSERT INTO viaload VALUES (2, 'taken')",
      "INSERT INTO viainsert VALUES (2, 'taken')",
    ])
    connection = await harness.driver().connect(db.options)
    target = { connection, quote: (n) => `\`${n}\``, facts: MYSQL.import, transactions: MYSQL.transactions }
    dir = await mkdtemp(join(tmpdir(), 'quarry-mysql-load-'))
    file = join(dir, 'rows.csv')
    // Row 2: a duplicate key; row 3: too long for VARCHAR(6); row 4: NULL into NOT NULL; the rest exact.
    const lines = ['id,name', '1,"a\tb\\N"', '2,dup', '3,much too long', '4,', '5,""', '6,"x\ny"', '7,\\N']
    await writeFile(file, lines.join('\n'))
  })
  afterAll(async () => {
    await connection.execute('SET GLOBAL local_infile = 1').catch(() => {})
    await connection?.close()
    await harness.cleanup()
    await rm(dir, { recursive: true, force: true })
  })

  const expected = [
    [1, 'a\tb\\N'],
    [2, 'taken'],
    [5, ''],
    [6, 'x\ny'],
    [7, '\\N'],
  ]

  it('loads batches with LOAD DATA LOCAL, values exact, and rejects the rows the server warns about', async () => {
    await connection.execute('SET GLOBAL local_infile = 1')
    const before = await loads()
    const rejectsPath = join(dir, 'load-rejects.csv')
    const result = await runImport(target, plan('viaload'), { rejectsPath })
    expect(result).toMatchObject({ rowsWritten: 4, rejected: 3, stoppedAt: null })
    // One LOAD for the batch, then one per row of its retry.
    expect(await loads()).toBeGreaterThan(before)
    expect(await rowsOf('viaload')).toEqual(expected)
    const rejects = await readFile(rejectsPath, 'utf8')
    expect(rejects).toMatch(/,2,.*Duplicate entry/)
    expect(rejects).toMatch(/,3,.*(too long|truncated)/i)
    expect(rejects).toMatch(/,4,.*(null|truncated)/i)
  })

  it('"stop at first error" stops at a warned row and leaves nothing', async () => {
    await connection.execute('SET GLOBAL local_infile = 1')
    await connection.execute('DELETE FROM viaload WHERE id <> 2')
    const result = await runImport(target, { ...plan('viaload'), onError: 'stop' }, { rejectsPath: join(dir, 's.csv') })
    expect(result).toMatchObject({ rowsWritten: 0, stoppedAt: { row: 1 } })
    expect(result.stoppedAt!.reason).toMatch(/Duplicate entry/)
    expect(await rowsOf('viaload')).toEqual([[2, 'taken']])
  })

  it('reads no client file for a LOAD DATA LOCAL typed in a script: the server gets nothing', async () => {
    await connection.execute('SET GLOBAL local_infile = 1')
    await writeFile(join(dir, 'secret.txt'), '99\tsecret\n')
    const load = `LOAD DATA LOCAL INFILE '${join(dir, 'secret.txt')}' INTO TABLE viaload (id, name)`
    await expect(connection.execute(load)).rejects.toThrow()
    expect(await rowsOf('viaload')).not.toContainEqual([99, 'secret'])
  })

  it('writes multi-row INSERTs where the server refuses local files, rejecting the same rows', async () => {
    await connection.execute('SET GLOBAL local_infile = 0')
    const before = await loads()
    const result = await runImport(target, plan('viainsert'), { rejectsPath: join(dir, 'insert-rejects.csv') })
    expect(result).toMatchObject({ rowsWritten: 4, rejected: 3, stoppedAt: null })
    expect(await loads()).toBe(before)
    expect(await rowsOf('viainsert')).toEqual(expected)
  })
})
