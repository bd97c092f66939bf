import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { ConnectionOptions } from '../src/main/drivers/driver'
import type { EngineTarget } from './datasets'
import type { BenchEngine } from './measures'

/** The ER case's schema: 50 clusters of 40 tables (2,000), about 3,000 foreign keys. */
export const ER_CLUSTERS = 50
const PER_CLUSTER = 40
export const ER_TABLES = ER_CLUSTERS * PER_CLUSTER

const ENTITIES = (
  'accounts customers orders order_lines invoices payments products prices stock_moves warehouses ' +
  'suppliers purchases receipts shipments carriers routes employees teams roles grants projects tasks ' +
  'comments attachments tickets events sessions devices addresses regions contracts renewals plans ' +
  'discounts coupons refunds ledgers entries audits notes'
).split(' ')
const FILLERS: [string, string][] = [
  ['name', 'VARCHAR(80)'],
  ['created_on', 'DATE'],
  ['amount', 'DECIMAL(12,2)'],
  ['note', 'VARCHAR(200)'],
  ['status', 'VARCHAR(20)'],
  ['quantity', 'INTEGER'],
  ['code', 'VARCHAR(12)'],
  ['updated_on', 'DATE'],
  ['ratio', 'DECIMAL(6,3)'],
  ['label', 'VARCHAR(40)'],
  ['position', 'INTEGER'],
  ['email', 'VARCHAR(120)'],
  ['phone', 'VARCHAR(30)'],
  ['valid_from', 'DATE'],
  ['valid_to', 'DATE'],
  ['weight', 'DECIMAL(10,3)'],
  ['colour', 'VARCHAR(20)'],
  ['priority', 'INTEGER'],
  ['country', 'VARCHAR(2)'],
  ['active', 'INTEGER'],
]

export interface ErKey {
  columns: string[]
  parent: string
  parentColumns: string[]
}
export interface ErTableSpec {
  name: string
  columns: { name: string; type: string; notNull: boolean }[]
  primaryKey: string[]
  keys: ErKey[]
}

/** Deterministic: the same schema on every engine and every run (a small LCG, not Math.random). */
export function erSchema(): ErTableSpec[] {
  let seed = 17
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const tables: ErTableSpec[] = []
  const name = (cluster: number, j: number): string => `m${String(cluster).padStart(2, '0')}_${ENTITIES[j]}`
  // Every 8th table of a cluster has a composite key (id, version), referred to by composite keys.
  const composite = (j: number): boolean => j % 8 === 7
  for (let cluster = 0; cluster < ER_CLUSTERS; cluster++) {
    for (let j = 0; j < PER_CLUSTER; j++) {
      const table: ErTableSpec = {
        name: name(cluster, j),
        columns: [{ name: 'id', type: 'INTEGER', notNull: true }],
        primaryKey: ['id'],
        keys: [],
      }
      if (composite(j)) {
        table.columns.push({ name: 'version', type: 'INTEGER', notNull: true })
        table.primaryKey.push('version')
      }
      const refer = (parentCluster: number, p: number, required: boolean): void => {
        const parent = name(parentCluster, p)
        const stem = parent.replace(/^m\d\d_/, parentCluster === cluster ? '' : `m${parentCluster}_`)
        if (table.keys.some((k) => k.parent === parent)) return
        const columns = composite(p) ? [`${stem}_id`, `${stem}_version`] : [`${stem}_id`]
        for (const column of columns) table.columns.push({ name: column, type: 'INTEGER', notNull: required })
        table.keys.push({ columns, parent, parentColumns: composite(p) ? ['id', 'version'] : ['id'] })
      }
      if (j > 0) refer(cluster, Math.floor(random() * j), true)
      if (j > 1 && random() < 0.5) refer(cluster, Math.floor(random() * j), false)
      if (cluster > 0 && j % 10 === 3) refer(cluster - 1, Math.floor(random() * PER_CLUSTER), false)
      const total = 5 + Math.floor(random() * 16)
      for (let f = 0; table.columns.length < total; f++) {
        const [column, type] = FILLERS[(f + j) % FILLERS.length]!
        table.columns.push({ name: column, type, notNull: f === 0 })
      }
      tables.push(table)
    }
  }
  return tables
}

export const erForeignKeys = (tables: ErTableSpec[]): number => tables.reduce((n, t) => n + t.keys.length, 0)

/** CREATE TABLE statements in creation order (parents first); `q` qualifies a table name. */
export function erStatements(tables: ErTableSpec[], q: (table: string) => string): string[] {
  return tables.map((table) => {
    const parts = [
      ...table.columns.map((c) => `${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}`),
      `PRIMARY KEY (${table.primaryKey.join(', ')})`,
      ...table.keys.map(
        (key, i) =>
          `CONSTRAINT fk_${table.name}_${i + 1} FOREIGN KEY (${key.columns.join(', ')}) ` +
          `REFERENCES ${q(key.parent)} (${key.parentColumns.join(', ')})`,
      ),
    ]
    return `CREATE TABLE ${q(table.name)} (${parts.join(', ')})`
  })
}

/** Where an engine's ER schema is and how the app reaches it. */
export interface ErTarget {
  engine: BenchEngine
  options: ConnectionOptions
  /** The database and schema the service is asked for (as the tree names them). */
  database: string
  schema: string
  /** A file of its own (embedded engines): a connection of its own in the app; else the engine's bench connection. */
  file: string | null
}

/** Creates the ER schema beside the engine's bench data; returns where it is. */
export async function seedErSchema(target: EngineTarget, dir: string): Promise<ErTarget> {
  const tables = erSchema()
  switch (target.engine) {
    case 'postgres': {
      const db = new pg.Client({ connectionString: target.url })
      await db.connect()
      try {
        await db.query('CREATE SCHEMA er')
        const statements = erStatements(tables, (t) => `er.${t}`)
        for (let i = 0; i < statements.length; i += 200) await db.query(statements.slice(i, i + 200).join(';\n'))
      } finally {
        await db.end()
      }
      return {
        engine: 'postgres',
        options: target.options,
        database: target.options.database!,
        schema: 'er',
        file: null,
      }
    }
    case 'mysql': {
      const db = await mysql.createConnection({ uri: target.url, multipleStatements: true })
      try {
        await db.query('CREATE DATABASE er')
        const statements = erStatements(tables, (t) => `er.${t}`)
        for (let i = 0; i < statements.length; i += 100) await db.query(statements.slice(i, i + 100).join(';\n'))
      } finally {
        await db.end()
      }
      return { engine: 'mysql', options: target.options, database: 'er', schema: 'er', file: null }
    }
    case 'sqlite': {
      const file = join(dir, 'er.db')
      const db = new Database(file)
      db.exec(`BEGIN;\n${erStatements(tables, (t) => t).join(';\n')};\nCOMMIT;`)
      db.close()
      return { engine: 'sqlite', options: { engine: 'sqlite', file }, database: 'main', schema: 'main', file }
    }
    case 'duckdb': {
      const file = join(dir, 'er.duckdb')
      const instance = await DuckDBInstance.create(file)
      try {
        const db = await instance.connect()
        try {
          await db.run(`BEGIN;\n${erStatements(tables, (t) => t).join(';\n')};\nCOMMIT;\nCHECKPOINT;`)
        } finally {
          db.closeSync()
        }
      } finally {
        instance.closeSync()
      }
      const options = { engine: 'duckdb', file, readOnly: true } as const
      return { engine: 'duckdb', options, database: 'er', schema: 'main', file }
    }
  }
}
