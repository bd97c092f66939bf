import { edgeEnds, edgePath, endMark, HEADER_HEIGHT, MAX_ROWS, ROW_HEIGHT, type Box } from './er-geometry'
import type { ErModel } from './er-model'
import { extent } from './er-viewport'

const esc = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** The palette an exported SVG is drawn in (the ER custom properties of the current theme). */
export interface ErColours {
  canvas: string
  box: string
  border: string
  head: string
  text: string
  muted: string
  pk: string
  fk: string
  edge: string
}

const ER_VARS: Record<keyof ErColours, string> = {
  canvas: '--er-canvas',
  box: '--er-box',
  border: '--er-border',
  head: '--er-head',
  text: '--text',
  muted: '--muted',
  pk: '--er-pk',
  fk: '--er-fk',
  edge: '--er-edge',
}

/** The current theme's ER colours, read from the palette. */
export function themeColours(): ErColours {
  const style = getComputedStyle(document.documentElement)
  const entries = Object.entries(ER_VARS).map(([key, name]) => [key, style.getPropertyValue(name).trim()])
  return Object.fromEntries(entries) as unknown as ErColours
}

const styleOf = (c: ErColours): string =>
  `.box{fill:${c.box};stroke:${c.border}}.head{fill:${c.head};stroke:${c.border}}` +
  `text{font:12px ui-monospace,Menlo,Consolas,monospace;fill:${c.text}}.title{font:600 13px system-ui,sans-serif}` +
  `.type{fill:${c.muted}}.pk{fill:${c.pk};font-size:10px;font-weight:700}.fk{fill:${c.fk};font-size:10px;font-weight:700}` +
  `.edge{fill:none;stroke:${c.edge};stroke-width:1.3}.inferred{stroke-dasharray:5 4}.label{fill:${c.muted};font-size:10px}` +
  `.dot{fill:${c.box};stroke:${c.edge};stroke-width:1.3}.bg{fill:${c.canvas}}`

/**
 * The whole diagram (every shown table, not just what is on screen) as a standalone SVG document,
 * in the given colours: what SVG export writes and PNG export draws.
 */
export function diagramSvg(model: ErModel, boxes: Map<string, Box>, withInferred: boolean, colours: ErColours): string {
  const area = extent(boxes.values()) ?? { x: 0, y: 0, width: 1, height: 1 }
  const pad = 24
  const parts: string[] = []
  for (const edge of model.edges) {
    const child = boxes.get(edge.from)
    const parent = boxes.get(edge.to)
    if (!child || !parent || (edge.inferred && !withInferred)) continue
    const ends = edgeEnds(edge, child, parent, model.tables)
    const marks = `${endMark(ends.x1, ends.y1, ends.dir1, edge.oneToOne ? 'one' : 'many')} ${endMark(ends.x2, ends.y2, ends.dir2, edge.optional ? 'optional-one' : 'one')}`
    const cls = edge.inferred ? 'edge inferred' : 'edge'
    parts.push(`<path class="${cls}" d="${edgePath(ends)}"/><path class="edge" d="${marks}"/>`)
    if (edge.optional) parts.push(`<circle cx="${ends.x2 + ends.dir2 * 15}" cy="${ends.y2}" r="4" class="dot"/>`)
    if (edge.inferred) {
      parts.push(
        `<text class="label" x="${(ends.x1 + ends.x2) / 2}" y="${(ends.y1 + ends.y2) / 2 - 5}" text-anchor="middle">inferred</text>`,
      )
    }
  }
  for (const [name, box] of boxes) {
    const table = model.tables.get(name)
    if (!table) continue
    const fks = new Set(
      model.edges.filter((e) => e.from === name && (withInferred || !e.inferred)).flatMap((e) => e.fromColumns),
    )
    parts.push(`<g transform="translate(${box.x},${box.y})">`)
    parts.push(`<rect class="box" width="${box.width}" height="${box.height}" rx="6"/>`)
    parts.push(`<rect class="head" width="${box.width}" height="${HEADER_HEIGHT}" rx="6"/>`)
    parts.push(`<text class="title" x="10" y="20">${esc(name)}</text>`)
    table.columns.slice(0, MAX_ROWS).forEach((column, index) => {
      const y = HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2 + 7
      if (column.pk > 0) parts.push(`<text class="pk" x="10" y="${y}">PK</text>`)
      else if (fks.has(column.name)) parts.push(`<text class="fk" x="10" y="${y}">FK</text>`)
      parts.push(`<text x="34" y="${y}">${esc(column.name)}</text>`)
      parts.push(
        `<text class="type" x="${box.width - 10}" y="${y}" text-anchor="end">${esc(column.type)}${column.nullable ? '?' : ''}</text>`,
      )
    })
    const more = table.columns.length - MAX_ROWS
    if (more > 0)
      parts.push(
        `<text class="type" x="34" y="${HEADER_HEIGHT + MAX_ROWS * ROW_HEIGHT + 17}">+ ${more} more columns</text>`,
      )
    parts.push('</g>')
  }
  const width = Math.ceil(area.width + pad * 2)
  const height = Math.ceil(area.height + pad * 2)
  const viewBox = `${area.x - pad} ${area.y - pad} ${width} ${height}`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${viewBox}"><style>${styleOf(colours)}</style><rect x="${area.x - pad}" y="${area.y - pad}" width="${width}" height="${height}" class="bg"/>${parts.join('')}</svg>\n`
}

/** A PNG of the SVG (drawn through an image at `scale`, within the canvas size browsers allow). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const fit = Math.min(scale, 16_000 / Math.max(width, height))
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(width * fit))
  canvas.height = Math.max(1, Math.round(height * fit))
  const context = canvas.getContext('2d')
  if (!context) throw new Error('No canvas to draw the PNG on')
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made'))), 'image/png'),
  )
}

/** Saves a blob as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
