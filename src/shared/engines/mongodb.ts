import { JS_FLOAT_TEXT } from '../formats/float-text'
import type { EngineDescriptor } from './engine-descriptor'

/** MongoDB: shell commands, not SQL. */
export const MONGODB = {
  id: 'mongodb',
  label: 'MongoDB',
  target: 'server',
  defaultPort: 27017,
  urlSchemes: ['mongodb', 'mongodb+srv'],
  urlStyle: 'tls',
  queryLanguage: 'mongodb-shell',
  extraFields: ['authDatabase', 'srv'],
  tree: {
    icon: { text: 'MG', color: '#2f7a2a' },
    noSchemaLevel: true,
    objectKinds: [],
  },
  lexical: null,
  // Its shell commands never write: nothing a run does changes the tree.
  catalogVerbs: [],
  identifierQuotes: ['', ''],
  literals: { booleans: 'words', bytes: 'x-quoted', backslashes: 'plain', unicodePrefix: '' },
  // mongosh is JavaScript: a double prints as String(n) does (100, 1e+21).
  floats: { ...JS_FLOAT_TEXT, doubleTypes: ['double'] },
  editor: { highlight: 'StandardSQL', formatter: null, words: null, defaultSchema: null },
  capabilities: {
    // killSessions ends the query's operation and cursors on the server; the client carries on.
    serverSideCancel: true,
    multipleDatabases: true,
    // No schemas: a database holds collections directly (each database is its own one schema).
    schemas: false,
    // Collection counts come from collection metadata ({ count } without a filter).
    estimatedRowCounts: true,
    explain: false,
    explainAnalyze: false,
    serverJudgesWrites: false,
    // Documents are edited by _id in the Documents view and Data grid, not through column origins.
    resultColumnOrigins: false,
  },
  transactions: null,
} as const satisfies EngineDescriptor
