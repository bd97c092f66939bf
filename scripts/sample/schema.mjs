// DDL of the sample database: an online store plus one big `events` table for streaming.
// Comments inside the CREATE statements are kept by SQLite in sqlite_schema, so users see them too.

/** Tables, created before any data is loaded. */
export const TABLES = [
  `CREATE TABLE employees (
  id          INTEGER PRIMARY KEY,
  first_name  TEXT NOT NULL,
  last_name   TEXT NOT NULL,
  email       TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  department  TEXT NOT NULL,
  manager_id  INTEGER REFERENCES employees (id) ON DELETE SET NULL, -- NULL for the CEO
  hired_on    TEXT NOT NULL,                                          -- ISO-8601 date
  salary      REAL NOT NULL CHECK (salary > 0),
  is_active   INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
)`,
  `CREATE TABLE suppliers (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  contact_name  TEXT,
  email         TEXT,
  phone         TEXT,
  city          TEXT NOT NULL,
  country       TEXT NOT NULL,  -- ISO 3166-1 alpha-2
  rating        REAL CHECK (rating BETWEEN 0 AND 5),
  is_active     INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
)`,
  `CREATE TABLE categories (
  id           INTEGER PRIMARY KEY,
  parent_id    INTEGER REFERENCES categories (id) ON DELETE CASCADE,  -- NULL for top-level categories
  name         TEXT NOT NULL,
  slug         TEXT NOT NULL UNIQUE,
  description  TEXT
)`,
  `CREATE TABLE products (
  id               INTEGER PRIMARY KEY,
  sku              TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  category_id      INTEGER NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
  supplier_id      INTEGER REFERENCES suppliers (id) ON DELETE SET NULL,
  price            REAL NOT NULL CHECK (price >= 0),  -- USD
  cost             REAL,
  weight_grams     INTEGER,
  stock            INTEGER NOT NULL DEFAULT 0,
  is_discontinued  INTEGER NOT NULL DEFAULT 0 CHECK (is_discontinued IN (0, 1)),
  attributes       TEXT CHECK (attributes IS NULL OR json_valid(attributes)),  -- JSON object
  created_at       TEXT NOT NULL
)`,
  `CREATE TABLE customers (
  id                INTEGER PRIMARY KEY,
  first_name        TEXT NOT NULL,
  last_name         TEXT NOT NULL,
  email             TEXT NOT NULL,
  phone             TEXT,
  birth_date        TEXT,  -- ISO-8601 date
  loyalty_tier      TEXT NOT NULL DEFAULT 'bronze' CHECK (loyalty_tier IN ('bronze', 'silver', 'gold', 'platinum')),
  marketing_opt_in  INTEGER NOT NULL DEFAULT 0 CHECK (marketing_opt_in IN (0, 1)),
  notes             TEXT,
  created_at        TEXT NOT NULL
)`,
  `CREATE TABLE addresses (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('shipping', 'billing')),
  line1        TEXT NOT NULL,
  line2        TEXT,
  city         TEXT NOT NULL,
  region       TEXT,
  postal_code  TEXT NOT NULL,
  country      TEXT NOT NULL,
  is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
)`,
  `CREATE TABLE orders (
  id                   INTEGER PRIMARY KEY,
  customer_id          INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  shipping_address_id  INTEGER REFERENCES addresses (id) ON DELETE SET NULL,
  employee_id          INTEGER REFERENCES employees (id) ON DELETE SET NULL,  -- who handled it; NULL for self-service
  status               TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
  ordered_at           TEXT NOT NULL,
  subtotal             REAL NOT NULL,
  shipping_fee         REAL NOT NULL DEFAULT 0,
  tax                  REAL NOT NULL DEFAULT 0,
  total                REAL NOT NULL,
  coupon_code          TEXT,
  notes                TEXT
)`,
  `CREATE TABLE order_items (
  order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no     INTEGER NOT NULL,
  product_id  INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  unit_price  REAL NOT NULL,
  discount    REAL NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < 1),  -- fraction, 0.15 = 15 %
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID`,
  `CREATE TABLE payments (
  id         INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  method     TEXT NOT NULL,
  amount     REAL NOT NULL,  -- negative for refunds
  status     TEXT NOT NULL CHECK (status IN ('pending', 'captured', 'failed', 'refunded')),
  paid_at    TEXT NOT NULL,
  reference  TEXT NOT NULL UNIQUE
)`,
  `CREATE TABLE shipments (
  id               INTEGER PRIMARY KEY,
  order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  address_id       INTEGER REFERENCES addresses (id) ON DELETE SET NULL,
  carrier          TEXT NOT NULL,
  tracking_number  TEXT NOT NULL,
  shipped_at       TEXT NOT NULL,
  delivered_at     TEXT,  -- NULL while in transit
  weight_grams     INTEGER
)`,
  `CREATE TABLE reviews (
  id                 INTEGER PRIMARY KEY,
  product_id         INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  customer_id        INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title              TEXT,
  body               TEXT,
  helpful_votes      INTEGER NOT NULL DEFAULT 0,
  verified_purchase  INTEGER NOT NULL DEFAULT 0 CHECK (verified_purchase IN (0, 1)),
  created_at         TEXT NOT NULL,
  UNIQUE (product_id, customer_id)
)`,
  `CREATE TABLE events (
  -- Clickstream of the store: the big table for streaming tests.
  -- Rows 1-6 carry fixed trace_ids at the edges of the 64-bit range (2^53 + 1, INT64_MAX, INT64_MIN, ...).
  id           INTEGER PRIMARY KEY,
  trace_id     INTEGER NOT NULL,  -- signed 64-bit, mostly beyond the 2^53 a double holds exactly
  customer_id  INTEGER REFERENCES customers (id) ON DELETE SET NULL,  -- NULL for anonymous visitors
  product_id   INTEGER REFERENCES products (id) ON DELETE SET NULL,
  event_type   TEXT NOT NULL,
  label        TEXT,                -- short free text; NULL and '' both occur
  source       TEXT NOT NULL,       -- web, ios, android, api
  is_mobile    INTEGER NOT NULL CHECK (is_mobile IN (0, 1)),
  amount       REAL,                -- cart value at the time of the event, USD
  duration_ms  INTEGER,
  occurred_at  TEXT NOT NULL,       -- UTC, ISO-8601 with milliseconds
  client_time  TEXT,                -- the device's local time with its zone offset
  payload      TEXT NOT NULL,       -- log message
  properties   TEXT,                -- JSON object
  checksum     BLOB                 -- 8 to 32 bytes
)`,
]

/** Indexes, created after the data is loaded (faster than maintaining them row by row). */
export const INDEXES = [
  'CREATE INDEX employees_manager ON employees (manager_id)',
  'CREATE INDEX categories_parent ON categories (parent_id)',
  'CREATE INDEX products_category ON products (category_id)',
  'CREATE INDEX products_supplier ON products (supplier_id)',
  'CREATE UNIQUE INDEX customers_email_ci ON customers (lower(email))',
  'CREATE INDEX customers_name ON customers (last_name, first_name)',
  'CREATE INDEX addresses_customer ON addresses (customer_id)',
  'CREATE UNIQUE INDEX addresses_one_default ON addresses (customer_id, kind) WHERE is_default = 1',
  'CREATE INDEX orders_customer_ordered_at ON orders (customer_id, ordered_at)',
  'CREATE INDEX orders_status ON orders (status)',
  'CREATE INDEX orders_shipping_address ON orders (shipping_address_id)',
  'CREATE INDEX orders_employee ON orders (employee_id)',
  'CREATE INDEX order_items_product ON order_items (product_id)',
  'CREATE INDEX payments_order ON payments (order_id)',
  'CREATE INDEX shipments_order ON shipments (order_id)',
  'CREATE INDEX shipments_address ON shipments (address_id)',
  'CREATE UNIQUE INDEX shipments_tracking ON shipments (carrier, tracking_number)',
  'CREATE INDEX reviews_customer ON reviews (customer_id)',
  'CREATE INDEX events_customer ON events (customer_id)',
  'CREATE INDEX events_product ON events (product_id) WHERE product_id IS NOT NULL',
]

export const VIEWS = [
  `CREATE VIEW category_paths AS
WITH RECURSIVE tree (id, parent_id, depth, path) AS (
  SELECT id, parent_id, 0, name FROM categories WHERE parent_id IS NULL
  UNION ALL
  SELECT c.id, c.parent_id, t.depth + 1, t.path || ' > ' || c.name
  FROM categories AS c JOIN tree AS t ON c.parent_id = t.id
)
SELECT id, parent_id, depth, path FROM tree`,
  `CREATE VIEW order_summaries AS
SELECT
  o.id AS order_id,
  o.ordered_at,
  o.status,
  c.id AS customer_id,
  c.first_name || ' ' || c.last_name AS customer_name,
  c.email,
  (SELECT count(*) FROM order_items AS i WHERE i.order_id = o.id) AS lines,
  (SELECT sum(i.quantity) FROM order_items AS i WHERE i.order_id = o.id) AS units,
  o.total,
  (SELECT coalesce(sum(p.amount), 0) FROM payments AS p WHERE p.order_id = o.id AND p.status IN ('captured', 'refunded')) AS paid,
  (SELECT s.carrier || ' ' || s.tracking_number FROM shipments AS s WHERE s.order_id = o.id ORDER BY s.id LIMIT 1) AS tracking
FROM orders AS o
JOIN customers AS c ON c.id = o.customer_id`,
  `CREATE VIEW product_sales AS
WITH sales AS (
  SELECT i.product_id, sum(i.quantity) AS units, sum(i.quantity * i.unit_price * (1 - i.discount)) AS revenue
  FROM order_items AS i JOIN orders AS o ON o.id = i.order_id
  WHERE o.status NOT IN ('cancelled', 'refunded')
  GROUP BY i.product_id
), ratings AS (
  SELECT product_id, round(avg(rating), 2) AS avg_rating, count(*) AS reviews FROM reviews GROUP BY product_id
)
SELECT
  p.id AS product_id,
  p.sku,
  p.name,
  cp.path AS category,
  s.name AS supplier,
  coalesce(sales.units, 0) AS units_sold,
  round(coalesce(sales.revenue, 0), 2) AS revenue,
  ratings.avg_rating,
  coalesce(ratings.reviews, 0) AS reviews
FROM products AS p
LEFT JOIN category_paths AS cp ON cp.id = p.category_id
LEFT JOIN suppliers AS s ON s.id = p.supplier_id
LEFT JOIN sales ON sales.product_id = p.id
LEFT JOIN ratings ON ratings.product_id = p.id`,
]
