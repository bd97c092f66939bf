// The big `events` table: a year of clickstream, `rows` rows, ids in time order.

import { isoUtcMillis, isoWithOffset, money } from './format.mjs'
import { Random, weighted } from './random.mjs'
import { BROWSERS, COUPONS, EVENT_LABELS, PAYLOAD, TIME_ZONE_OFFSETS, UTM_CAMPAIGNS, UTM_SOURCES } from './words.mjs'

/** @typedef {import('better-sqlite3').Database} Database */
/** @typedef {import('./store.mjs').StoreInfo} StoreInfo */

export const EVENTS_START = Date.UTC(2025, 0, 1)
export const EVENTS_END = Date.UTC(2026, 0, 1)

/**
 * trace_id of the first rows: the values where 64-bit integers and doubles part ways, so a client that
 * reads them through a double (2^53 + 1 becomes 2^53) is caught at once.
 */
export const FIXED_TRACE_IDS = [
  9_007_199_254_740_993n, // 2^53 + 1: the smallest positive integer a double cannot hold
  9_223_372_036_854_775_807n, // INT64_MAX
  -9_223_372_036_854_775_808n, // INT64_MIN
  9_007_199_254_740_991n, // Number.MAX_SAFE_INTEGER
  -9_007_199_254_740_993n, // -(2^53 + 1)
  0n,
]

/** @typedef {keyof typeof EVENT_LABELS} EventType */

const pickType = weighted(
  /** @type {[EventType, number][]} */ ([
    ['page_view', 36],
    ['product_view', 20],
    ['search', 10],
    ['add_to_cart', 8],
    ['remove_from_cart', 2],
    ['checkout_started', 4],
    ['purchase', 3],
    ['login', 6],
    ['logout', 3],
    ['signup', 1],
    ['review_posted', 1],
    ['error', 2],
  ]),
)
const pickSource = weighted([
  ['web', 55],
  ['ios', 20],
  ['android', 20],
  ['api', 5],
])
// Checksum sizes of common hashes: xxHash64, MD5, SHA-1, SHA-256.
const pickChecksumLength = weighted([
  [8, 35],
  [16, 35],
  [20, 15],
  [32, 15],
])
const PAGE_PATHS = [
  '/',
  '/cart',
  '/checkout',
  '/account',
  '/orders',
  '/help',
  '/deals',
  '/wishlist',
  '/c/electronics',
  '/c/garden',
  '/c/books',
]
const REFERRERS = ['direct', 'google', 'newsletter', 'instagram', 'partner', 'bing']

/**
 * One log-like sentence of about 40 to 70 characters.
 * @param {Random} rng
 * @returns {string}
 */
function sentence(rng) {
  const object = rng.chance(0.3)
    ? `${rng.pick(PAYLOAD.adjectives)} ${rng.pick(PAYLOAD.objects)}`
    : rng.pick(PAYLOAD.objects)
  return `${rng.pick(PAYLOAD.subjects)} ${rng.pick(PAYLOAD.verbs)} the ${object} ${rng.pick(PAYLOAD.tails)}.`
}

/**
 * A sentence-like payload of 100 to 400 characters, mostly 100-130 with a long tail: whole sentences,
 * filled up to a random target length with shorter ones.
 * @param {Random} rng
 * @returns {string}
 */
function payload(rng) {
  const target = 100 + Math.floor(280 * Math.pow(rng.next(), 20))
  let text = sentence(rng)
  while (text.length < target) {
    const missing = target - text.length - 1
    if (missing > 45) text += ` ${sentence(rng)}`
    else if (missing > 18)
      text += rng.chance(0.3) ? ` Response took ${rng.int(2, 900)} ms.` : ` ${rng.pick(PAYLOAD.medium)}`
    else text += ` ${rng.pick(PAYLOAD.short)}`
  }
  return text
}

/**
 * @param {Random} rng
 * @param {EventType} type
 * @param {number | null} productId
 * @param {string | null} label
 * @returns {Record<string, unknown>}
 */
function properties(rng, type, productId, label) {
  /** @type {Record<string, unknown>} */
  let props
  switch (type) {
    case 'page_view':
      props = { path: rng.pick(PAGE_PATHS), ref: rng.pick(REFERRERS) }
      if (rng.chance(0.2)) props.browser = rng.pick(BROWSERS)
      break
    case 'product_view':
      props = { product_id: productId, position: rng.int(1, 48) }
      break
    case 'search':
      props = { query: label || '', results: rng.chance(0.08) ? 0 : rng.int(1, 240) }
      if (rng.chance(0.15)) props.page = rng.int(2, 6)
      break
    case 'add_to_cart':
    case 'remove_from_cart':
      props = { product_id: productId, qty: rng.chance(0.8) ? 1 : rng.int(2, 5) }
      break
    case 'checkout_started':
      props = { items: rng.int(1, 8), coupon: rng.chance(0.15) ? rng.pick(COUPONS) : null }
      break
    case 'purchase':
      props = { order_ref: `ORD-${rng.int(100_000, 999_999)}`, items: rng.int(1, 8), currency: 'USD' }
      break
    case 'review_posted':
      props = { product_id: productId, rating: rng.int(1, 5) }
      break
    case 'error':
      props = {
        code: label || 'E_INTERNAL',
        status: rng.pick([404, 429, 500, 502, 503]),
        retryable: rng.chance(0.6),
        path: rng.pick(PAGE_PATHS),
      }
      break
    default:
      props = { method: label || 'password', mfa: rng.chance(0.3) }
  }
  if (rng.chance(0.1)) props.utm = { source: rng.pick(UTM_SOURCES), campaign: rng.pick(UTM_CAMPAIGNS) }
  if (rng.chance(0.05))
    props.experiments = rng.shuffle(['new-nav', 'one-click', 'dark-mode', 'big-images']).slice(0, rng.int(1, 3))
  return props
}

/**
 * Returns a function producing row `id` (1-based, called in order) as the values of `INSERT INTO events VALUES`.
 * @param {StoreInfo} store
 * @param {number} rows
 * @returns {(id: number) => unknown[]}
 */
export function eventRows(store, rows) {
  const rng = new Random('events')
  // Who is active: a shuffled ranking with a long tail, like real traffic.
  const ranking = new Random('event-customers').shuffle(Array.from({ length: store.customers }, (_, i) => i + 1))
  const step = (EVENTS_END - EVENTS_START) / Math.max(1, rows)

  return (id) => {
    const at = EVENTS_START + Math.floor((id - 1 + rng.next()) * step)
    const fixed = FIXED_TRACE_IDS[id - 1]
    const traceId = fixed ?? (rng.chance(0.1) ? BigInt(rng.u32()) : rng.int64())
    const type = pickType(rng)
    const customerId = rng.chance(0.1) ? null : /** @type {number} */ (ranking[rng.skewedIndex(ranking.length, 1.5)])
    const productId =
      type === 'product_view' || type === 'add_to_cart' || type === 'remove_from_cart' || type === 'review_posted'
        ? rng.int(1, store.products)
        : null
    const labelRoll = rng.next()
    const label = labelRoll < 0.1 ? null : labelRoll < 0.15 ? '' : rng.pick(EVENT_LABELS[type])
    const source = pickSource(rng)
    const isMobile = source === 'ios' || source === 'android' || (source === 'web' && rng.chance(0.3)) ? 1 : 0

    let amount = null
    if (!rng.chance(0.1)) {
      if (productId !== null)
        amount = money((store.productPrices[productId] ?? 0) * (rng.chance(0.8) ? 1 : rng.int(2, 4)))
      else if (type === 'purchase' || type === 'checkout_started') amount = money(rng.float(8, 650))
      else amount = rng.chance(0.6) ? 0 : money(rng.float(5, 300))
    }
    const duration = rng.chance(0.1) ? null : Math.round(Math.exp(rng.float(1.1, 10.3)))

    let clientTime = null
    if (!rng.chance(0.1)) {
      const zone = customerId === null ? rng.pick(TIME_ZONE_OFFSETS) : (store.customerTimeZones[customerId] ?? 0)
      clientTime = isoWithOffset(at + rng.int(-90_000, 90_000), zone)
    }
    const text = payload(rng)
    const props = rng.chance(0.1) ? null : JSON.stringify(properties(rng, type, productId, label))
    const checksum = rng.chance(0.1) ? null : rng.bytes(pickChecksumLength(rng))

    return [
      id,
      traceId,
      customerId,
      productId,
      type,
      label,
      source,
      isMobile,
      amount,
      duration,
      isoUtcMillis(at),
      clientTime,
      text,
      props,
      checksum,
    ]
  }
}

/** Rows per INSERT statement: multi-row VALUES lists cut the per-call overhead of the driver. */
const BATCH = 16
const COLUMNS = 15

/**
 * @param {Database} db inside a transaction
 * @param {StoreInfo} store
 * @param {number} rows
 */
export function populateEvents(db, store, rows) {
  const tuple = `(${Array(COLUMNS).fill('?').join(', ')})`
  const insertOne = db.prepare(`INSERT INTO events VALUES ${tuple}`)
  const insertBatch = db.prepare(`INSERT INTO events VALUES ${Array(BATCH).fill(tuple).join(', ')}`)
  const next = eventRows(store, rows)
  /** @type {unknown[]} */
  const params = new Array(BATCH * COLUMNS)
  let id = 1
  for (; id + BATCH - 1 <= rows; id += BATCH) {
    for (let b = 0; b < BATCH; b++) {
      const row = next(id + b)
      for (let c = 0; c < COLUMNS; c++) params[b * COLUMNS + c] = row[c]
    }
    insertBatch.run(params)
  }
  for (; id <= rows; id++) insertOne.run(next(id))
}
