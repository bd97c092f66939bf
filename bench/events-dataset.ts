/**
 * Real rows: the shape of the sample's `events` (wide, mixed, text-heavy) in every engine — 15
 * columns: 64-bit ids (one near 2^63), uuid-like and path text, a ~100-character user agent, a JSON
 * payload, 32 bytes of binary, an exact decimal, a float, a boolean, a timestamp and two nullable
 * texts (one up to ~200 characters). A fifth as many rows as the narrow `big` table.
 */
export const eventsRows = (rows: number): number => Math.max(1, Math.floor(rows / 5))
export const EVENTS_SQL = 'SELECT * FROM events'

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

export const POSTGRES_EVENTS = (rows: number) => `
  CREATE TABLE events (id bigint PRIMARY KEY, user_id bigint NOT NULL, session_id text NOT NULL, kind text NOT NULL,
    path text NOT NULL, referrer text, user_agent text NOT NULL, payload jsonb NOT NULL, raw bytea NOT NULL,
    amount numeric(12, 2) NOT NULL, big bigint NOT NULL, score double precision NOT NULL, ok boolean NOT NULL,
    created_at timestamptz NOT NULL, note text);
  INSERT INTO events SELECT g, g * 7919 % 100003, md5(g::text), (ARRAY['view','click','buy','search'])[g % 4 + 1],
    '/shop/item/' || (g % 5000) || '?ref=' || (g % 97), CASE WHEN g % 3 = 0 THEN NULL ELSE 'https://example.com/p/' || g END,
    '${UA}', jsonb_build_object('cart', g % 17, 'tags', jsonb_build_array('a' || g % 5, 'b' || g % 7), 'price', (g % 1000) / 10.0),
    decode(md5(g::text) || md5((g + 1)::text), 'hex'), (g % 100000) / 100.0, 9223372036854775807 - g, g::float8 / 3,
    g % 2 = 0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',
    CASE WHEN g % 5 = 0 THEN NULL ELSE repeat('note ' || g || ' ', (g % 20)::int + 1) END
  FROM generate_series(1::bigint, ${rows}) AS g;
  ANALYZE events;`

export const MYSQL_EVENTS = (rows: number) => [
  `CREATE TABLE events (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, session_id CHAR(32) NOT NULL,
    kind VARCHAR(16) NOT NULL, path VARCHAR(64) NOT NULL, referrer VARCHAR(64), user_agent VARCHAR(160) NOT NULL,
    payload JSON NOT NULL, raw VARBINARY(32) NOT NULL, amount DECIMAL(12, 2) NOT NULL, big BIGINT NOT NULL,
    score DOUBLE NOT NULL, ok BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL, note TEXT) ENGINE=InnoDB`,
  "SET time_zone = '+00:00'",
  `INSERT INTO events SELECT seq, seq * 7919 % 100003, MD5(seq), ELT(seq % 4 + 1, 'view', 'click', 'buy', 'search'),
    CONCAT('/shop/item/', seq % 5000, '?ref=', seq % 97), IF(seq % 3 = 0, NULL, CONCAT('https://example.com/p/', seq)),
    '${UA}', JSON_OBJECT('cart', seq % 17, 'tags', JSON_ARRAY(CONCAT('a', seq % 5), CONCAT('b', seq % 7)), 'price', (seq % 1000) / 10),
    UNHEX(CONCAT(MD5(seq), MD5(seq + 1))), (seq % 100000) / 100, 9223372036854775807 - seq, seq / 3e0, seq % 2 = 0,
    TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND,
    IF(seq % 5 = 0, NULL, REPEAT(CONCAT('note ', seq, ' '), seq % 20 + 1))
  FROM seq_1_to_${rows}`,
]

export const SQLITE_EVENTS = (rows: number) => `
  CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, session_id TEXT NOT NULL, kind TEXT NOT NULL,
    path TEXT NOT NULL, referrer TEXT, user_agent TEXT NOT NULL, payload JSON NOT NULL, raw BLOB NOT NULL,
    amount NUMERIC NOT NULL, big INTEGER NOT NULL, score REAL NOT NULL, ok BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL,
    note TEXT);
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${rows})
  INSERT INTO events SELECT i, i * 7919 % 100003, hex(randomblob(16)), CASE i % 4 WHEN 0 THEN 'view' WHEN 1 THEN 'click' WHEN 2 THEN 'buy' ELSE 'search' END,
    '/shop/item/' || (i % 5000) || '?ref=' || (i % 97), CASE WHEN i % 3 = 0 THEN NULL ELSE 'https://example.com/p/' || i END,
    '${UA}', json_object('cart', i % 17, 'tags', json_array('a' || (i % 5), 'b' || (i % 7)), 'price', (i % 1000) / 10.0),
    randomblob(32), (i % 100000) / 100.0, 9223372036854775807 - i, i / 3.0, i % 2 = 0,
    strftime('%Y-%m-%d %H:%M:%S+00:00', '2024-01-01', '+' || i || ' seconds'),
    CASE WHEN i % 5 = 0 THEN NULL ELSE replace(printf('%.*c', i % 20 + 1, 'x'), 'x', 'note ' || i || ' ') END
  FROM g;`

export const DUCKDB_EVENTS = (rows: number) => `
  CREATE TABLE events (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, session_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    path VARCHAR NOT NULL, referrer VARCHAR, user_agent VARCHAR NOT NULL, payload JSON NOT NULL, raw BLOB NOT NULL,
    amount DECIMAL(12, 2) NOT NULL, big BIGINT NOT NULL, score DOUBLE NOT NULL, ok BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL, note VARCHAR);
  INSERT INTO events SELECT g, g * 7919 % 100003, md5(CAST(g AS VARCHAR)), (['view', 'click', 'buy', 'search'])[g % 4 + 1],
    '/shop/item/' || (g % 5000) || '?ref=' || (g % 97), CASE WHEN g % 3 = 0 THEN NULL ELSE 'https://example.com/p/' || g END,
    '${UA}', json_object('cart', g % 17, 'tags', json_array('a' || (g % 5), 'b' || (g % 7)), 'price', (g % 1000) / 10),
    unhex(md5(CAST(g AS VARCHAR)) || md5(CAST(g + 1 AS VARCHAR))), CAST(g % 100000 AS DECIMAL(12, 2)) / 100,
    9223372036854775807 - g, g / 3, g % 2 = 0, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(g),
    CASE WHEN g % 5 = 0 THEN NULL ELSE repeat('note ' || g || ' ', CAST(g % 20 AS INTEGER) + 1) END
  FROM range(1, ${rows + 1}) AS t(g);`
