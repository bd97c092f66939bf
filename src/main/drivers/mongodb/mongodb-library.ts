import { createRequire } from 'node:module'
import type * as Mongodb from 'mongodb'

type MongodbModule = typeof Mongodb

let loaded: MongodbModule | null = null

/**
 * The mongodb package, loaded on first use: a table query's values are checked with its BSON types,
 * and building the MongoDB driver's facts must not load it (bson alone allocates an 18 MB buffer when
 * it loads, in every session, MongoDB or not).
 */
export function mongodbLibrary(): MongodbModule {
  return (loaded ??= createRequire(import.meta.url)('mongodb') as MongodbModule)
}
