import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const RESOURCES = join(import.meta.dirname, '..', '..', 'resources')

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path)
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR')
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)]
}

describe('app icon', () => {
  it('has a PNG of each size from 16 to 512 (scripts/generate-icons.mjs), and the window icon', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(join(RESOURCES, 'icons', `icon-${size}.png`))).toEqual([size, size])
    }
    expect(pngSize(join(RESOURCES, 'icon.png'))).toEqual([512, 512])
    expect(readFileSync(join(RESOURCES, 'icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/)
  })

  it('is the browser tab icon of the page', () => {
    const html = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'renderer', 'index.html'), 'utf8')
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="../../resources/icon.svg" />')
  })
})
