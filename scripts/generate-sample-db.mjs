#!/usr/bin/env node
// Generates resources/sample.db, the SQLite database Quarry opens with no setup: an online store
// (customers, orders, products, ...) and one big `events` table for streaming. Deterministic: the same
// arguments give a byte-identical file. Usage:
//
//   node scripts/generate-sample-db.mjs [--out resources/sample.db] [--rows 1000000] [--force]
//
// If the target already carries SAMPLE_DB_VERSION in PRAGMA user_version (and, when --rows is given, holds
// that many events) it is left alone, so `npm start` can call this every time; --force regenerates.
// Bump SAMPLE_DB_VERSION whenever the output changes.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { populateEvents } from './sample/events.mjs'
import { INDEXES, TABLES, VIEWS } from './sample/schema.mjs'
import { populateStore } from './sample/store.mjs'

/** Stored in PRAGMA user_version. Bump when the schema or the data changes. */
export const SAMPLE_DB_VERSION = 1
/** Stored in PRAGMA application_id: "QRRY". */
export const SAMPLE_DB_APPLICATION_ID = 0x51525259
export const DEFAULT_ROWS = 1_000_000

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_OUT = join(REPO_ROOT, 'resources', 'sample.db')

/**
 * @typedef {object} GenerateOptions
 * @property {string} [out] target file; relative paths resolve against the current directory
 * @property {number} [rows] rows in `events`
 * @property {boolean} [force] regenerate even if the target is up to date
 * @property {(line: string) => void} [log] progress lines (default: console.log)
 */

/**
 * @typedef {object} GenerateResult
 * @property {string} path absolute path of the database
 * @property {boolean} skipped true if the file was already up to date and left alone
 * @property {number} rows rows in `events` (for a skipped file: what it holds)
 * @property {number} seconds time taken
 * @property {number} bytes file size
 * @property {Record<string, number>} counts rows per table (empty when skipped)
 */

/**
 * Version of an existing sample database, or null if the file is missing or not a readable database.
 * @param {string} path
 * @returns {{ version: number, rows: number } | null}
 */
function existingSample(path) {
  if (!existsSync(path)) return null
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    try {
      const version = Number(db.pragma('user_version', { simple: true }))
      let rows = 0
      if (version === SAMPLE_DB_VERSION) {
        const max = db.prepare('SELECT max(id) AS n FROM events').get()
        rows = Number(/** @type {{ n: number | null }} */ (max).n ?? 0)
      }
      return { version, rows }
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

/**
 * Removes temporary files left beside the target by runs that were killed.
 * @param {string} target
 */
function removeStaleTemporaries(target) {
  const dir = dirname(target)
  const prefix = `${basename(target)}-tmp-`
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(name.slice(prefix.length).split('-')[0])
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue
    rmSync(join(dir, name), { force: true })
  }
}

/**
 * @param {number} pid
 * @returns {boolean}
 */
function isRunning(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM'
  }
}

/**
 * Writes the sample database.
 * @param {GenerateOptions} [options]
 * @returns {GenerateResult}
 */
export function generateSampleDb(options = {}) {
  const out = resolve(options.out ?? DEFAULT_OUT)
  const rows = options.rows ?? DEFAULT_ROWS
  const log = options.log ?? ((line) => console.log(line))
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`)
  const started = performance.now()

  if (!options.force) {
    const existing = existingSample(out)
    // Up to date: written by this generator version and, if a row count was asked for, holding that many events.
    if (existing && existing.version === SAMPLE_DB_VERSION && (options.rows === undefined || existing.rows === rows)) {
      log(`${out} is up to date (version ${SAMPLE_DB_VERSION}, ${existing.rows} events); use --force to regenerate`)
      return {
        path: out,
        skipped: true,
        rows: existing.rows,
        seconds: (performance.now() - started) / 1000,
        bytes: statSync(out).size,
        counts: {},
      }
    }
  }

  const dir = dirname(out)
  mkdirSync(dir, { recursive: true })
  removeStaleTemporaries(out)
  const temp = join(dir, `${basename(out)}-tmp-${process.pid}-${Date.now().toString(36)}`)
  /** @type {Record<string, number>} */
  let counts
  try {
    counts = writeDatabase(temp, rows)
    renameSync(temp, out)
  } catch (error) {
    rmSync(temp, { force: true })
    rmSync(`${temp}-journal`, { force: true })
    throw error
  }
  const seconds = (performance.now() - started) / 1000
  const bytes = statSync(out).size
  log(`${out}: ${rows} events in ${seconds.toFixed(1)} s (${(bytes / 1048576).toFixed(1)} MiB)`)
  return { path: out, skipped: false, rows, seconds, bytes, counts }
}

/**
 * @param {string} path a new file
 * @param {number} rows
 * @returns {Record<string, number>} rows per table
 */
function writeDatabase(path, rows) {
  const db = new Database(path)
  try {
    // Bulk-load settings: no journal, no fsync, a big cache. The file is only renamed into place when complete,
    // so a crash here leaves nothing under the real name.
    db.pragma('page_size = 4096')
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    db.pragma('foreign_keys = OFF')
    db.pragma('cache_size = -262144')
    db.pragma('temp_store = MEMORY')
    db.pragma('locking_mode = EXCLUSIVE')

    /** @type {Record<string, number>} */
    let counts = {}
    db.transaction(() => {
      for (const sql of TABLES) db.exec(sql)
      const store = populateStore(db)
      populateEvents(db, store, rows)
      for (const sql of INDEXES) db.exec(sql)
      for (const sql of VIEWS) db.exec(sql)
      counts = { ...store.counts, events: rows }
    })()

    const violations = /** @type {{ table: string, rowid: number, parent: string, fkid: number }[]} */ (
      db.pragma('foreign_key_check')
    )
    if (violations.length > 0) {
      const sample = violations
        .slice(0, 5)
        .map((v) => `${v.table} rowid ${v.rowid} -> ${v.parent}`)
        .join('; ')
      throw new Error(`sample database has ${violations.length} foreign key violation(s): ${sample}`)
    }
    db.exec('ANALYZE')
    db.pragma(`user_version = ${SAMPLE_DB_VERSION}`)
    db.pragma(`application_id = ${SAMPLE_DB_APPLICATION_ID}`)
    db.pragma('journal_mode = DELETE')
    return counts
  } finally {
    db.close()
  }
}

/** --help was asked for. */
class UsageRequest extends Error {}
/** The command line is wrong. */
class UsageError extends Error {}

/**
 * @param {string[]} argv
 * @returns {GenerateOptions}
 */
export function parseArgs(argv) {
  /** @type {GenerateOptions} */
  const options = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i])
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--out':
        options.out = value()
        break
      case '--rows': {
        const text = value().replace(/_/g, '')
        if (!/^\d+$/.test(text)) throw new UsageError(`--rows must be a non-negative integer, got ${text}`)
        options.rows = Number(text)
        break
      }
      case '--force':
        options.force = true
        break
      case '-h':
      case '--help':
        throw new UsageRequest()
      default:
        throw new UsageError(`unknown argument ${arg}`)
    }
  }
  return options
}

const USAGE = 'usage: node scripts/generate-sample-db.mjs [--out resources/sample.db] [--rows 1000000] [--force]'

const isMain = (() => {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
})()

if (isMain) {
  try {
    generateSampleDb(parseArgs(process.argv.slice(2)))
  } catch (error) {
    if (error instanceof UsageRequest) {
      console.log(USAGE)
    } else if (error instanceof UsageError) {
      console.error(`generate-sample-db: ${error.message}\n${USAGE}`)
      process.exitCode = 2
    } else {
      console.error('generate-sample-db failed:', error)
      process.exitCode = 1
    }
  }
}
