/**
 * Every request of the contract, by name. Kept free of imports so the sandboxed preload can
 * generate its bridge functions from this list without bundling the schemas.
 */
export const METHOD_NAMES = [
  'app.info',
  'connections.list',
  'connections.serverInfo',
  'connections.engines',
  'connections.status',
  'connections.get',
  'connections.save',
  'connections.delete',
  'connections.test',
  'connections.export',
  'connections.import',
  'files.choose',
  'meta.databases',
  'meta.schemas',
  'meta.tables',
  'meta.tableSchema',
  'meta.objects',
  'meta.schemaGraph',
  'er.loadLayout',
  'er.saveLayout',
  'meta.countRows',
  'meta.cancelCount',
  'query.start',
  'query.cancel',
  'query.ack',
  'query.limit',
  'query.explain',
  'table.query',
  'edits.preview',
  'edits.apply',
  'edits.cancel',
  'session.transaction',
  'session.close',
  'tabs.load',
  'tabs.save',
  'queries.list',
  'queries.chooseFolder',
  'queries.open',
  'queries.save',
  'history.search',
  'history.clear',
  'export.start',
  'export.cancel',
  'import.analyse',
  'import.start',
  'import.cancel',
] as const

export type MethodName = (typeof METHOD_NAMES)[number]

/** The one channel name pair used by every transport. Nothing else spells a channel. */
export const CHANNELS = { call: 'quarry:call', event: 'quarry:event' } as const
