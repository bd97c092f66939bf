// The store tables: employees, suppliers, categories, products, customers, addresses, orders, order_items,
// payments, shipments and reviews. Each table draws from its own named random stream so the tables stay
// stable when others change. Ids follow time (a later id is a later signup / order), as in a real shop.

import { DAY_MS, asciiWord, money, slugify, sqlDate, sqlDateTime } from './format.mjs'
import { Random, weighted } from './random.mjs'
import {
  BRANDS,
  CARRIERS,
  CATEGORY_TREE,
  CITIES,
  COLORS,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  COUPONS,
  CUSTOMER_NOTES,
  DEPARTMENTS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  ORDER_NOTES,
  PAYMENT_METHODS,
  PRODUCT_ADJECTIVES,
  REVIEW_SENTENCES,
  REVIEW_TITLES,
  STREET_NAMES,
  STREET_SUFFIXES,
} from './words.mjs'

/** @typedef {import('better-sqlite3').Database} Database */
/** @typedef {import('./words.mjs').City} City */
/** @typedef {import('./words.mjs').CategoryNode} CategoryNode */

/** The shop opened on 2021-01-01; the data ends on 2025-12-31 (fixed, never "now"). */
export const STORE_START = Date.UTC(2021, 0, 1)
export const STORE_END = Date.UTC(2026, 0, 1)

export const SIZES = { suppliers: 60, products: 2400, customers: 12_000, orders: 36_000 }

/**
 * What the events generator needs to know about the store.
 * @typedef {object} StoreInfo
 * @property {number} customers number of customers (ids 1..n)
 * @property {number} products number of products (ids 1..n)
 * @property {Float64Array} productPrices price by product id (index 0 unused)
 * @property {Int16Array} customerTimeZones UTC offset in minutes of each customer's home city, by id
 * @property {Record<string, number>} counts rows per table
 */

/**
 * @param {Database} db inside a transaction
 * @returns {StoreInfo}
 */
export function populateStore(db) {
  /** @type {Record<string, number>} */
  const counts = {}
  const handlers = insertEmployees(db, counts)
  const suppliers = insertSuppliers(db, counts)
  const leaves = insertCategories(db, counts)
  const products = insertProducts(db, counts, leaves, suppliers)
  const customers = insertCustomers(db, counts)
  const addresses = insertAddresses(db, counts, customers)
  insertOrders(db, counts, customers, addresses, products, handlers)
  const customerTimeZones = new Int16Array(customers.length + 1)
  customers.forEach((c, i) => (customerTimeZones[i + 1] = c.city.tz))
  const productPrices = new Float64Array(products.length + 1)
  products.forEach((p, i) => (productPrices[i + 1] = p.price))
  return { customers: customers.length, products: products.length, productPrices, customerTimeZones, counts }
}

const pickCity = weighted(CITIES.map((c) => /** @type {const} */ ([c, c.weight])))

/**
 * @param {Random} rng
 * @returns {{ first: string, last: string }}
 */
function personName(rng) {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) }
}

/**
 * @param {Random} rng
 * @param {City} city
 * @returns {string}
 */
function phoneNumber(rng, city) {
  switch (city.phone) {
    case '+1':
      return `+1 ${rng.pattern('###-555-####')}`
    case '+44':
      return `+44 ${rng.pattern('7### ######')}`
    case '+81':
      return `+81 ${rng.pattern('90-####-####')}`
    default:
      return `${city.phone} ${rng.pattern('### ### ###')}`
  }
}

/**
 * Random instant in [from, to) as epoch milliseconds, on a whole second.
 * @param {Random} rng
 * @param {number} from
 * @param {number} to
 * @returns {number}
 */
function instant(rng, from, to) {
  return Math.floor(rng.float(from, to) / 1000) * 1000
}

// ---------------------------------------------------------------------------------------------------------

/**
 * @param {Database} db
 * @param {Record<string, number>} counts
 * @returns {number[]} ids of the sales and support staff who handle orders
 */
function insertEmployees(db, counts) {
  const rng = new Random('employees')
  const insert = db.prepare('INSERT INTO employees VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const usedEmails = new Set()
  /** @type {number[]} */
  const handlers = []
  let id = 0
  /**
   * @param {string} title
   * @param {string} department
   * @param {number | null} managerId
   * @param {[number, number]} salary
   * @param {[number, number]} hiredYears
   */
  const add = (title, department, managerId, salary, hiredYears) => {
    id++
    const { first, last } = personName(rng)
    let local = `${asciiWord(first)}.${asciiWord(last)}`
    if (usedEmails.has(local)) local += String(id)
    usedEmails.add(local)
    const hired = instant(rng, Date.UTC(hiredYears[0], 0, 1), Date.UTC(hiredYears[1], 11, 31))
    const active = id === 1 || rng.chance(0.93) ? 1 : 0
    insert.run(
      id,
      first,
      last,
      `${local}@quarry-store.example`,
      title,
      department,
      managerId,
      sqlDate(hired),
      Math.round(rng.float(salary[0], salary[1]) / 100) * 100,
      active,
    )
    return id
  }

  const staffTitles = /** @type {Record<string, string[]>} */ ({
    Sales: ['Account Executive', 'Sales Associate', 'Key Account Manager'],
    'Customer Support': ['Support Agent', 'Support Specialist', 'Returns Coordinator'],
    Operations: ['Warehouse Coordinator', 'Logistics Analyst', 'Buyer'],
    Engineering: ['Software Engineer', 'Site Reliability Engineer', 'QA Engineer', 'Data Engineer'],
    Marketing: ['Content Writer', 'Growth Analyst', 'Designer', 'SEO Specialist'],
  })

  const ceo = add('Chief Executive Officer', 'Executive', null, [180_000, 240_000], [2012, 2012])
  for (const department of DEPARTMENTS) {
    const vp = add(`VP ${department}`, department, ceo, [130_000, 190_000], [2013, 2016])
    for (let m = 0; m < 2; m++) {
      const manager = add(`${department} Manager`, department, vp, [85_000, 125_000], [2015, 2020])
      const staff = rng.int(3, 7)
      for (let s = 0; s < staff; s++) {
        const staffId = add(
          rng.pick(staffTitles[department] ?? ['Associate']),
          department,
          manager,
          [42_000, 98_000],
          [2017, 2025],
        )
        if (department === 'Sales' || department === 'Customer Support') handlers.push(staffId)
      }
    }
  }
  counts.employees = id
  return handlers
}

/**
 * @param {Database} db
 * @param {Record<string, number>} counts
 * @returns {number}
 */
function insertSuppliers(db, counts) {
  const rng = new Random('suppliers')
  const insert = db.prepare('INSERT INTO suppliers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const names = rng.shuffle(COMPANY_WORDS.flatMap((word) => COMPANY_SUFFIXES.map((suffix) => `${word} ${suffix}`)))
  for (let id = 1; id <= SIZES.suppliers; id++) {
    const name = /** @type {string} */ (names[id - 1])
    const city = pickCity(rng)
    const contact = rng.chance(0.9) ? personName(rng) : null
    const domain = `${asciiWord(name.split(' ')[0] ?? 'supplier')}.example`
    const email = rng.chance(0.92)
      ? `${contact ? asciiWord(contact.first) : rng.pick(['sales', 'orders', 'info'])}@${domain}`
      : null
    insert.run(
      id,
      name,
      contact ? `${contact.first} ${contact.last}` : null,
      email,
      rng.chance(0.85) ? phoneNumber(rng, city) : null,
      city.city,
      city.country,
      rng.chance(0.9) ? Math.round(rng.float(2.5, 5) * 10) / 10 : null,
      rng.chance(0.9) ? 1 : 0,
    )
  }
  counts.suppliers = SIZES.suppliers
  return SIZES.suppliers
}

/**
 * @typedef {{ id: number, nouns: string[], price: [number, number], code: string, top: string, materials: string[] }} Leaf
 * @param {Database} db
 * @param {Record<string, number>} counts
 * @returns {Leaf[]}
 */
function insertCategories(db, counts) {
  const insert = db.prepare('INSERT INTO categories VALUES (?, ?, ?, ?, ?)')
  /** @type {Leaf[]} */
  const leaves = []
  const slugs = new Set()
  let id = 0
  /**
   * @param {CategoryNode} node
   * @param {number | null} parentId
   * @param {string} parentSlug
   * @param {string} top
   * @param {string[]} materials
   */
  const visit = (node, parentId, parentSlug, top, materials) => {
    const ownId = ++id
    let slug = slugify(node.name)
    if (slugs.has(slug)) slug = `${parentSlug}-${slug}`
    slugs.add(slug)
    const description = node.description ?? (node.nouns ? `${node.nouns.slice(0, 3).join(', ')} and more` : null)
    insert.run(ownId, parentId, node.name, slug, description)
    const topName = top || node.name
    const ownMaterials = node.materials ?? materials
    if (node.nouns && node.price) {
      leaves.push({
        id: ownId,
        nouns: node.nouns,
        price: node.price,
        code: slugify(topName).slice(0, 3).toUpperCase(),
        top: topName,
        materials: ownMaterials,
      })
    }
    for (const child of node.children ?? []) visit(child, ownId, slug, topName, ownMaterials)
  }
  for (const node of CATEGORY_TREE) visit(node, null, '', '', ['mixed'])
  counts.categories = id
  return leaves
}

/**
 * @typedef {{ price: number, created: number, weight: number | null }} Product
 * @param {Database} db
 * @param {Record<string, number>} counts
 * @param {Leaf[]} leaves
 * @param {number} suppliers
 * @returns {Product[]}
 */
function insertProducts(db, counts, leaves, suppliers) {
  const rng = new Random('products')
  const insert = db.prepare('INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  // A launch catalogue on day one, then new products over time; ids in order of creation.
  const created = Array.from({ length: SIZES.products }, (_, i) =>
    i < 600 ? STORE_START : instant(rng, STORE_START, STORE_END - 30 * DAY_MS),
  ).sort((a, b) => a - b)
  /** @type {Product[]} */
  const products = []
  for (let id = 1; id <= SIZES.products; id++) {
    const leaf = rng.pick(leaves)
    const noun = rng.pick(leaf.nouns)
    const color = rng.pick(COLORS)
    const material = rng.pick(leaf.materials)
    let name = `${rng.pick(BRANDS)} ${rng.pick(PRODUCT_ADJECTIVES)} ${noun}`
    if (rng.chance(0.3)) name += ` (${color})`
    const [low, high] = leaf.price
    const raw = Math.exp(rng.float(Math.log(low), Math.log(high)))
    const price = money(Math.max(1, Math.floor(raw)) + rng.pick([0.99, 0.99, 0.99, 0.49, 0.95, 0]))
    const weight =
      leaf.top === 'Books' && rng.chance(0.5) ? null : Math.round(Math.exp(rng.float(Math.log(40), Math.log(9000))))
    /** @type {Record<string, unknown>} */
    const attributes = { color, material }
    if (rng.chance(0.5)) attributes.warranty_months = rng.pick([6, 12, 24, 36])
    if (rng.chance(0.3))
      attributes.tags = rng.shuffle(['gift', 'bestseller', 'new', 'eco', 'sale', 'limited']).slice(0, rng.int(1, 3))
    if (rng.chance(0.15)) attributes.dimensions_cm = { w: rng.int(5, 120), h: rng.int(2, 80), d: rng.int(1, 60) }
    const createdAt = /** @type {number} */ (created[id - 1])
    insert.run(
      id,
      `${leaf.code}-${String(id).padStart(5, '0')}`,
      name,
      leaf.id,
      rng.chance(0.97) ? rng.int(1, suppliers) : null,
      price,
      rng.chance(0.9) ? money(price * rng.float(0.35, 0.7)) : null,
      weight,
      rng.chance(0.08) ? 0 : rng.int(1, 500),
      rng.chance(0.04) ? 1 : 0,
      rng.chance(0.85) ? JSON.stringify(attributes) : null,
      sqlDateTime(createdAt),
    )
    products.push({ price, created: createdAt, weight })
  }
  counts.products = SIZES.products
  return products
}

/**
 * @typedef {{ created: number, city: City }} Customer
 * @param {Database} db
 * @param {Record<string, number>} counts
 * @returns {Customer[]}
 */
function insertCustomers(db, counts) {
  const rng = new Random('customers')
  const insert = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const span = STORE_END - DAY_MS - STORE_START
  // Sign-ups accelerate as the shop grows.
  const created = Array.from(
    { length: SIZES.customers },
    () => STORE_START + Math.floor((Math.pow(rng.next(), 0.75) * span) / 1000) * 1000,
  ).sort((a, b) => a - b)
  const pickTier = weighted([
    ['bronze', 60],
    ['silver', 25],
    ['gold', 11],
    ['platinum', 4],
  ])
  const emails = new Set()
  /** @type {Customer[]} */
  const customers = []
  for (let id = 1; id <= SIZES.customers; id++) {
    const { first, last } = personName(rng)
    const city = pickCity(rng)
    const domain = rng.pick(EMAIL_DOMAINS)
    const f = asciiWord(first)
    const l = asciiWord(last)
    let local = rng.pick([`${f}.${l}`, `${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${l}.${f}`, `${f}_${l}`])
    let email = `${local}@${domain}`
    while (emails.has(email)) {
      local = `${local.replace(/\d+$/, '')}${rng.int(1, 999)}`
      email = `${local}@${domain}`
    }
    emails.add(email)
    // A few people type their address with capitals; the case-insensitive unique index still holds.
    if (rng.chance(0.03))
      email = `${local.replace(/(^|[._])([a-z])/g, (_, sep, ch) => sep + ch.toUpperCase())}@${domain}`
    const createdAt = /** @type {number} */ (created[id - 1])
    const birth = rng.chance(0.88) ? sqlDate(instant(rng, Date.UTC(1950, 0, 1), Date.UTC(2006, 11, 31))) : null
    const noteRoll = rng.next()
    const notes = noteRoll < 0.85 ? null : noteRoll < 0.93 ? '' : rng.pick(CUSTOMER_NOTES)
    insert.run(
      id,
      first,
      last,
      email,
      rng.chance(0.85) ? phoneNumber(rng, city) : null,
      birth,
      pickTier(rng),
      rng.chance(0.4) ? 1 : 0,
      notes,
      sqlDateTime(createdAt),
    )
    customers.push({ created: createdAt, city })
  }
  counts.customers = SIZES.customers
  return customers
}

/**
 * @param {Random} rng
 * @param {City} city
 * @returns {string}
 */
function streetLine(rng, city) {
  const n = rng.int(1, 240)
  const name = rng.pick(STREET_NAMES[city.street])
  switch (city.street) {
    case 'de':
      return `${name}straße ${n}`
    case 'fr':
      return `${n} rue ${name}`
    case 'es':
      return `Calle ${name}, ${n}`
    case 'it':
      return `Via ${name}, ${n}`
    case 'nl':
      return `${name}straat ${n}`
    case 'se':
      return `${name}gatan ${n}`
    case 'pl':
      return `ul. ${name} ${n}`
    case 'jp':
      return `${rng.int(1, 9)}-${rng.int(1, 30)}-${rng.int(1, 20)} ${name}`
    case 'pt':
      return `Rua ${name}, ${n}`
    default:
      return `${n} ${name} ${rng.pick(STREET_SUFFIXES)}`
  }
}

/**
 * @typedef {{ shipping: number[], billing: number[], country: string }} CustomerAddresses
 * @param {Database} db
 * @param {Record<string, number>} counts
 * @param {Customer[]} customers
 * @returns {CustomerAddresses[]} by customer index (id - 1); the default address comes first
 */
function insertAddresses(db, counts, customers) {
  const rng = new Random('addresses')
  const insert = db.prepare('INSERT INTO addresses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const pickLayout = weighted([
    [['shipping'], 55],
    [['shipping', 'billing'], 30],
    [['shipping', 'shipping', 'billing'], 10],
    [[], 5],
  ])
  /** @type {CustomerAddresses[]} */
  const result = []
  let id = 0
  customers.forEach((customer, index) => {
    /** @type {CustomerAddresses} */
    const own = { shipping: [], billing: [], country: customer.city.country }
    for (const kind of pickLayout(rng)) {
      // Most addresses are in the customer's home city; some (a second home, the office) are elsewhere.
      const city = own.shipping.length + own.billing.length === 0 || rng.chance(0.7) ? customer.city : pickCity(rng)
      const list = kind === 'shipping' ? own.shipping : own.billing
      const roll = rng.next()
      const line2 =
        roll < 0.75
          ? null
          : roll < 0.8
            ? ''
            : rng.pick([
                `Apt ${rng.int(1, 40)}${rng.pick(['A', 'B', 'C', ''])}`,
                `Floor ${rng.int(1, 12)}`,
                'Back entrance',
                `c/o ${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
              ])
      id++
      insert.run(
        id,
        index + 1,
        kind,
        streetLine(rng, city),
        line2,
        city.city,
        city.region,
        rng.pattern(city.postal),
        city.country,
        list.length === 0 ? 1 : 0,
      )
      list.push(id)
    }
    result.push(own)
  })
  counts.addresses = id
  return result
}

const EU = new Set(['DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'PL', 'IE', 'PT'])

/**
 * @param {string} country
 * @returns {number}
 */
function taxRate(country) {
  if (EU.has(country)) return 0.2
  if (country === 'US') return 0.0725
  if (country === 'GB') return 0.2
  if (country === 'JP') return 0.1
  return 0.1
}

/**
 * Orders with their items, payments and shipments, then reviews of delivered items.
 * @param {Database} db
 * @param {Record<string, number>} counts
 * @param {Customer[]} customers
 * @param {CustomerAddresses[]} addresses
 * @param {Product[]} products
 * @param {number[]} handlers
 */
function insertOrders(db, counts, customers, addresses, products, handlers) {
  const rng = new Random('orders')
  const insertOrder = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const insertItem = db.prepare('INSERT INTO order_items VALUES (?, ?, ?, ?, ?, ?)')
  const insertPayment = db.prepare('INSERT INTO payments VALUES (?, ?, ?, ?, ?, ?, ?)')
  const insertShipment = db.prepare('INSERT INTO shipments VALUES (?, ?, ?, ?, ?, ?, ?, ?)')

  // Who orders: a shuffled popularity ranking, so heavy buyers are spread over all ids.
  const ranking = rng.shuffle(Array.from({ length: customers.length }, (_, i) => i))
  /** @type {{ customer: number, at: number }[]} */
  const headers = []
  for (let n = 0; n < SIZES.orders; n++) {
    const customer = /** @type {number} */ (ranking[rng.skewedIndex(ranking.length, 1.8)])
    const since = /** @type {Customer} */ (customers[customer]).created
    headers.push({ customer, at: instant(rng, since + 60_000, STORE_END) })
  }
  headers.sort((a, b) => a.at - b.at || a.customer - b.customer)

  // Products available at a given time: ids are in order of creation, so a prefix.
  const createdTimes = products.map((p) => p.created)
  /** @param {number} at */
  const availableCount = (at) => {
    let lo = 0
    let hi = createdTimes.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (/** @type {number} */ (createdTimes[mid]) <= at) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  const pickLines = weighted([
    [1, 45],
    [2, 25],
    [3, 14],
    [4, 8],
    [5, 4],
    [6, 2],
    [8, 2],
  ])
  const pickQuantity = weighted([
    [1, 72],
    [2, 17],
    [3, 6],
    [4, 3],
    [6, 2],
  ])
  const pickDiscount = weighted([
    [0, 82],
    [0.05, 5],
    [0.1, 6],
    [0.15, 3],
    [0.2, 3],
    [0.25, 1],
  ])
  const pickSettledStatus = weighted([
    ['delivered', 82],
    ['cancelled', 9],
    ['refunded', 6],
    ['shipped', 1],
    ['pending', 2],
  ])
  const pickRating = weighted([
    [5, 45],
    [4, 25],
    [3, 12],
    [2, 8],
    [1, 10],
  ])
  const paymentIds = new Set()
  const trackingIds = new Set()
  let items = 0
  let paymentId = 0
  let shipmentId = 0
  /** @type {{ product: number, customer: number | null, at: number, verified: number }[]} */
  const reviewQueue = []
  const reviewed = new Set()

  /** @returns {string} */
  const paymentReference = () => {
    let ref
    do ref = `PAY-${rng.hex(12, true)}`
    while (paymentIds.has(ref))
    paymentIds.add(ref)
    return ref
  }

  headers.forEach((header, index) => {
    const orderId = index + 1
    const own = /** @type {CustomerAddresses} */ (addresses[header.customer])
    const age = STORE_END - header.at
    const status =
      age < 2 * DAY_MS
        ? rng.pick(['pending', 'pending', 'paid', 'paid', 'shipped'])
        : age < 10 * DAY_MS
          ? rng.pick(['paid', 'shipped', 'shipped', 'shipped', 'delivered', 'delivered', 'cancelled'])
          : pickSettledStatus(rng)

    // Lines: distinct products that existed when the order was placed.
    const available = Math.max(1, availableCount(header.at))
    const lineCount = Math.min(pickLines(rng), available)
    const chosen = new Set()
    let subtotal = 0
    let weight = 0
    /** @type {[number, number, number, number][]} */
    const lines = []
    while (lines.length < lineCount) {
      const product = rng.int(1, available)
      if (chosen.has(product)) continue
      chosen.add(product)
      const quantity = pickQuantity(rng)
      const discount = pickDiscount(rng)
      const p = /** @type {Product} */ (products[product - 1])
      subtotal += money(quantity * p.price * (1 - discount))
      weight += (p.weight ?? 300) * quantity
      lines.push([product, quantity, p.price, discount])
    }
    subtotal = money(subtotal)
    const shippingFee = subtotal >= 50 ? 0 : rng.pick([4.99, 4.99, 7.99])
    const tax = money(subtotal * taxRate(own.country))
    const total = money(subtotal + shippingFee + tax)
    const shippingAddress =
      own.shipping.length === 0 ? null : rng.chance(0.85) ? own.shipping[0] : rng.pick(own.shipping)
    const noteRoll = rng.next()
    insertOrder.run(
      orderId,
      header.customer + 1,
      shippingAddress ?? null,
      rng.chance(0.25) ? rng.pick(handlers) : null,
      status,
      sqlDateTime(header.at),
      subtotal,
      shippingFee,
      tax,
      total,
      rng.chance(0.12) ? rng.pick(COUPONS) : null,
      noteRoll < 0.9 ? null : noteRoll < 0.93 ? '' : rng.pick(ORDER_NOTES),
    )
    lines.forEach(([product, quantity, price, discount], i) =>
      insertItem.run(orderId, i + 1, product, quantity, price, discount),
    )
    items += lines.length

    // Payments.
    const paidAt = header.at + rng.int(5, 600) * 1000
    const method = rng.pick(PAYMENT_METHODS)
    if (status === 'pending') {
      if (rng.chance(0.5))
        insertPayment.run(++paymentId, orderId, method, total, 'pending', sqlDateTime(paidAt), paymentReference())
    } else if (status === 'cancelled') {
      if (rng.chance(0.5))
        insertPayment.run(++paymentId, orderId, method, total, 'failed', sqlDateTime(paidAt), paymentReference())
    } else {
      if (total > 30 && rng.chance(0.08)) {
        const giftCard = money(Math.min(total - 5, rng.pick([10, 25, 50])))
        insertPayment.run(
          ++paymentId,
          orderId,
          'gift_card',
          giftCard,
          'captured',
          sqlDateTime(paidAt),
          paymentReference(),
        )
        insertPayment.run(
          ++paymentId,
          orderId,
          'card',
          money(total - giftCard),
          'captured',
          sqlDateTime(paidAt + 2000),
          paymentReference(),
        )
      } else {
        insertPayment.run(++paymentId, orderId, method, total, 'captured', sqlDateTime(paidAt), paymentReference())
      }
      if (status === 'refunded') {
        const refundAt = Math.min(STORE_END - 60_000, paidAt + rng.int(3, 40) * DAY_MS)
        insertPayment.run(++paymentId, orderId, method, -total, 'refunded', sqlDateTime(refundAt), paymentReference())
      }
    }

    // Shipments.
    const ships = status === 'shipped' || status === 'delivered' || (status === 'refunded' && rng.chance(0.7))
    let deliveredAt = 0
    if (ships) {
      const parts = lines.length > 1 && rng.chance(0.06) ? 2 : 1
      const carrier = own.country === 'US' ? rng.pick(['UPS', 'FedEx', 'USPS']) : rng.pick(CARRIERS)
      for (let part = 0; part < parts; part++) {
        let tracking
        do
          tracking =
            carrier === 'UPS'
              ? `1Z${rng.hex(16, true)}`
              : rng.pattern(carrier === 'USPS' ? '9400 #### #### #### ####' : 'AA#########AA')
        while (trackingIds.has(`${carrier}/${tracking}`))
        trackingIds.add(`${carrier}/${tracking}`)
        const shippedAt = Math.min(STORE_END - 3600_000, paidAt + rng.int(2, 72) * 3600_000)
        const delivered =
          status === 'shipped' ? null : Math.min(STORE_END - 60_000, shippedAt + rng.int(20, 160) * 3600_000)
        if (delivered !== null) deliveredAt = Math.max(deliveredAt, delivered)
        insertShipment.run(
          ++shipmentId,
          orderId,
          shippingAddress ?? null,
          carrier,
          tracking,
          sqlDateTime(shippedAt),
          delivered === null ? null : sqlDateTime(delivered),
          Math.round(weight / parts),
        )
      }
    }

    // Some delivered items get reviewed a few days to weeks later.
    if (status === 'delivered' && deliveredAt > 0) {
      for (const [product] of lines) {
        const key = `${product}/${header.customer + 1}`
        if (reviewed.has(key) || !rng.chance(0.14)) continue
        const at = deliveredAt + rng.int(1, 60) * DAY_MS + rng.int(0, 86_399) * 1000
        if (at >= STORE_END) continue
        reviewed.add(key)
        // Reviews of since-deleted accounts keep their text but lose the author (ON DELETE SET NULL).
        reviewQueue.push({ product, customer: rng.chance(0.02) ? null : header.customer + 1, at, verified: 1 })
      }
    }
  })

  // A few reviews without a matching order (gifts, bought elsewhere).
  for (let n = 0; n < 1500; n++) {
    const customer = rng.int(1, customers.length)
    const created = /** @type {Customer} */ (customers[customer - 1]).created
    const at = instant(rng, created, STORE_END)
    const product = rng.int(1, Math.max(1, availableCount(at)))
    const key = `${product}/${customer}`
    if (reviewed.has(key)) continue
    reviewed.add(key)
    reviewQueue.push({ product, customer, at, verified: 0 })
  }

  const insertReview = db.prepare('INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  reviewQueue.sort((a, b) => a.at - b.at || a.product - b.product)
  reviewQueue.forEach((review, index) => {
    const rating = pickRating(rng)
    const mood = rating >= 4 ? 'good' : rating === 3 ? 'mixed' : 'bad'
    const sentences = REVIEW_SENTENCES[mood]
    const bodyRoll = rng.next()
    const body =
      bodyRoll < 0.12
        ? null
        : bodyRoll < 0.15
          ? ''
          : rng
              .shuffle([...sentences])
              .slice(0, rng.int(1, 3))
              .join(' ')
    insertReview.run(
      index + 1,
      review.product,
      review.customer,
      rating,
      rng.chance(0.9) ? rng.pick(REVIEW_TITLES[mood]) : null,
      body,
      Math.floor(Math.pow(rng.next(), 4) * 250),
      review.verified,
      sqlDateTime(review.at),
    )
  })

  counts.orders = headers.length
  counts.order_items = items
  counts.payments = paymentId
  counts.shipments = shipmentId
  counts.reviews = reviewQueue.length
}
