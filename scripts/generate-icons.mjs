// Renders resources/icon.svg to PNGs (16–512 px) with the Chromium Playwright already drives:
// no image library needed. Run after changing the SVG: `node scripts/generate-icons.mjs`.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
const svg = readFileSync(join(root, 'resources', 'icon.svg'))
const source = `data:image/svg+xml;base64,${svg.toString('base64')}`

const browser = await chromium.launch({ executablePath: process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium' })
try {
  const page = await browser.newPage()
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size })
    await page.setContent(
      `<body style="margin:0;background:transparent"><img src="${source}" width="${size}" height="${size}"></body>`,
    )
    await page.locator('img').evaluate((img) => img.decode())
    const out = join(root, 'resources', 'icons', `icon-${size}.png`)
    await page.screenshot({ path: out, omitBackground: true })
    if (size === 512) await page.screenshot({ path: join(root, 'resources', 'icon.png'), omitBackground: true })
    console.log(out)
  }
} finally {
  await browser.close()
}
