import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
const KINDS = ['view', 'click', 'buy', 'search'] as const
const START = Date.UTC(2024, 0, 1)

/** 32 hex digits from i (a stand-in for md5: the same width and alphabet, cheap to make). */
function hex32(i: number): string {
  let x = (i * 2654435761) >>> 0
  let out = ''
  for (let k = 0; k < 4; k++) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + k) >>> 0
    out += x.toString(16).padStart(8, '0')
  }
  return out
}

const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`

/** One row of the sample's `events` shape as CSV (see events-dataset.ts): 15 columns, ~300 bytes. */
function eventsLine(g: number): string {
  const payload = `{"cart": ${g % 17}, "tags": ["a${g % 5}", "b${g % 7}"], "price": ${((g % 1000) / 10).toFixed(1)}}`
  const at = new Date(START + g * 1000).toISOString().replace('T', ' ').replace('.000Z', '+00:00')
  const note = g % 5 === 0 ? '' : quoted(`note ${g} `.repeat((g % 20) + 1))
  return [
    g,
    (g * 7919) % 100003,
    hex32(g),
    KINDS[g % 4],
    `/shop/item/${g % 5000}?ref=${g % 97}`,
    g % 3 === 0 ? '' : `https://example.com/p/${g}`,
    quoted(UA),
    quoted(payload),
    hex32(g) + hex32(g + 1),
    ((g % 100000) / 100).toFixed(2),
    (9223372036854775807n - BigInt(g)).toString(),
    String(g / 3),
    g % 2 === 0 ? 'true' : 'false',
    at,
    note,
  ].join(',')
}

export const EVENTS_CSV_HEADER =
  'id,user_id,session_id,kind,path,referrer,user_agent,payload,raw,amount,big,score,ok,created_at,note'

/** Writes `rows` events rows as CSV (a header, LF line ends, empty field: NULL) to `file`; its size in bytes. */
export async function writeEventsCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file)
  let bytes = 0
  let chunk = EVENTS_CSV_HEADER + '\n'
  for (let g = 1; g <= rows; g++) {
    chunk += eventsLine(g) + '\n'
    if (chunk.length > 1 << 20 || g === rows) {
      bytes += Buffer.byteLength(chunk)
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end()
  await once(out, 'finish')
  return bytes
}
