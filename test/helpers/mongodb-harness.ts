import { createServer } from 'node:net'
import type { Server } from 'node:net'
import { BSON, MongoClient } from 'mongodb'
import type { Document } from 'mongodb'
import { inject } from 'vitest'
import type { ConnectionOptions, DriverConnection } from '../../src/main/drivers/driver'
import type { MongoConnection } from '../../src/main/drivers/mongodb/mongodb-connection'
import { createMongodbDriver } from '../../src/main/drivers/mongodb/mongodb-driver'
import { parseConnectionUrl } from '../../src/shared/connection-url'
import type { EngineHarness } from './engine-harness'
import { mongodbFixtures } from './mongodb-fixtures'
import { freePort } from './postgres-server'

const asMongo = (connection: DriverConnection) => connection as MongoConnection

/** The server the tests use (QUARRY_TEST_MONGODB_URL, see test/setup/mongodb-server.ts), or null. */
export const mongodbUrl = (): string | null => inject('mongodbUrl')

/** Connection options for a mongodb:// URL, read by Quarry's own URL parser. */
export function mongodbOptions(url: string): ConnectionOptions {
  const parsed = parseConnectionUrl(url)
  if (!parsed.ok) throw new Error(`QUARRY_TEST_MONGODB_URL: ${parsed.error}`)
  const { host, port, user, password, database, ssl, authDatabase, srv } = parsed.value
  return {
    engine: 'mongodb',
    host: host ?? 'localhost',
    ...(port ? { port } : {}),
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
    ...(database ? { database } : {}),
    ...(ssl ? { ssl } : { ssl: { mode: 'prefer' } }),
    ...(authDatabase ? { authDatabase } : {}),
    ...(srv ? { srv } : {}),
    connectTimeoutMs: 5_000,
  }
}

let counter = 0

/**
 * MongoDB for the driver tests: a fresh database per createDatabase on the given server, its
 * fixtures made by database commands through the official client (not through the driver under
 * test); currentOp and killOp watch and kill from outside the driver.
 */
export function mongodbHarness(): EngineHarness {
  const url = mongodbUrl()
  if (!url) throw new Error('No MongoDB server for the tests (set QUARRY_TEST_MONGODB_URL)')
  const created: string[] = []
  const servers: Server[] = []
  let admin: Promise<MongoClient> | null = null
  const adminOnce = () =>
    (admin ??= new MongoClient(url, { appName: 'quarry-tests', serverSelectionTimeoutMS: 5_000 }).connect())

  /** The test's operations on the server: those carrying a Quarry comment in this connection's databases. */
  const serverOps = async (): Promise<Document[]> => {
    const client = await adminOnce()
    const ops = await client
      .db('admin')
      .aggregate([
        { $currentOp: { allUsers: true, idleSessions: false } },
        { $match: { 'command.comment': /^quarry:/ } },
      ])
      .toArray()
    return ops.filter((op) => created.some((name) => String(op.ns ?? '').startsWith(`${name}.`)))
  }

  return {
    engine: 'mongodb',
    fixtures: mongodbFixtures,
    driver: () => createMongodbDriver(),
    async createDatabase(label, steps) {
      const name = `quarry_${label.replace(/\W/g, '_')}_${process.pid}_${++counter}`.slice(0, 63)
      created.push(name)
      const db = (await adminOnce()).db(name)
      for (const text of steps) {
        const command = BSON.EJSON.parse(text, { relaxed: false }) as Document
        // Inserts go through insertMany, which splits them into messages of the server's size.
        if (typeof command.insert === 'string')
          await db.collection(command.insert).insertMany(command.documents as Document[])
        else await db.command(command)
      }
      return { options: { ...mongodbOptions(url), database: name }, name, schema: name }
    },
    async unreachable() {
      // Accepts connections and closes them at once: something that is not a MongoDB server.
      const closer = createServer((socket) => socket.destroy())
      servers.push(closer)
      await new Promise<void>((resolve) => closer.listen(0, '127.0.0.1', resolve))
      const closerPort = (closer.address() as { port: number }).port
      const base = { ...mongodbOptions(url), connectTimeoutMs: 2_000 }
      return {
        'refused port': { ...base, host: '127.0.0.1', port: await freePort(), srv: false },
        'not a MongoDB server': { ...base, host: '127.0.0.1', port: closerPort, srv: false },
      }
    },
    async rowsProduced(connection) {
      return asMongo(connection).diagnostics().documentsFetched
    },
    async killRunningQuery(connection) {
      const comments = new Set(
        asMongo(connection)
          .diagnostics()
          .running.map((r) => r.comment),
      )
      const ops = (await serverOps()).filter((op) => comments.has(String(op.command?.comment)))
      if (ops.length !== 1) throw new Error(`expected one running operation, found ${ops.length}`)
      await (await adminOnce()).db('admin').command({ killOp: 1, op: ops[0]!.opid })
    },
    async runningOnServer() {
      // A killed operation leaves currentOp once it has noticed the kill: give it a moment.
      for (let attempt = 0; ; attempt++) {
        const ops = await serverOps()
        if (ops.length === 0 || attempt >= 20) return ops.length
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async cleanup() {
      for (const server of servers.splice(0)) server.close()
      if (!admin) return
      const client = await admin
      admin = null
      for (const name of created.splice(0)) await client.db(name).dropDatabase()
      await client.close()
    },
  }
}

/** The MongoDB harness for the engine list, when QUARRY_TEST_MONGODB_URL is set (else the setup said why). */
export const mongodbEngines = (): (() => EngineHarness)[] => (mongodbUrl() ? [mongodbHarness] : [])
