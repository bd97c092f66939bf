// Formatting helpers: timestamps as ISO-8601 / SQLite text, money, ASCII e-mail parts.
// All times are milliseconds since the epoch in UTC; nothing depends on the machine's time zone.

export const DAY_MS = 86_400_000

/**
 * @param {number} ms
 * @returns {string} e.g. 2024-03-05T14:22:07.123Z
 */
export function isoUtcMillis(ms) {
  return new Date(ms).toISOString()
}

/**
 * @param {number} ms
 * @returns {string} e.g. 2024-03-05 14:22:07 (SQLite's own datetime() format)
 */
export function sqlDateTime(ms) {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
}

/**
 * @param {number} ms
 * @returns {string} e.g. 2024-03-05
 */
export function sqlDate(ms) {
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * Local wall-clock time with its zone offset, e.g. 2024-03-05T16:22:07+02:00.
 * @param {number} ms instant (UTC)
 * @param {number} offsetMinutes offset of the local zone from UTC
 * @returns {string}
 */
export function isoWithOffset(ms, offsetMinutes) {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${local}${sign}${hh}:${mm}`
}

/**
 * Rounds to cents.
 * @param {number} amount
 * @returns {number}
 */
export function money(amount) {
  return Math.round(amount * 100) / 100
}

/** Letters that NFD does not decompose into ASCII + combining marks. */
const SPECIAL_LETTERS = /** @type {Record<string, string>} */ ({
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  đ: 'd',
  ı: 'i',
})

/**
 * Lower-case ASCII letters and digits only, for e-mail local parts and slugs.
 * @param {string} text
 * @returns {string}
 */
export function asciiWord(text) {
  return text
    .replace(/[łŁøØßæÆđı]/g, (ch) => SPECIAL_LETTERS[ch] ?? '')
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
}

/**
 * @param {string} text
 * @returns {string} e.g. "Home & Kitchen" -> "home-kitchen"
 */
export function slugify(text) {
  return text
    .replace(/[łŁøØßæÆđı]/g, (ch) => SPECIAL_LETTERS[ch] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
