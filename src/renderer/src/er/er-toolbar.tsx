import { useState } from 'react'
import { copyText } from '../grid/clipboard'
import { TID } from '../test-ids'
import type { DiagramTab } from '../workspace/workspace-store'
import { diagramSvg, download, svgToPng, themeColours } from './er-svg'
import { toDbml, toMermaid } from './er-text'
import { extent } from './er-viewport'
import type { useErDiagram } from './use-er-diagram'

interface Props {
  diagram: ReturnType<typeof useErDiagram>
  tab: DiagramTab
  zoom: number
  onFind(text: string): boolean
  onZoom(factor: number): void
  onFit(): void
  onRelayout(): void
}

/** The diagram's tools: find a table, zoom, fit, re-layout, inferred relationships, exports. */
export function ErToolbar({ diagram, tab, zoom, onFind, onZoom, onFit, onRelayout }: Props) {
  const { model, boxes, shown, withInferred, laying, layoutError } = diagram
  const [query, setQuery] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  if (!model) return null
  const selection = { tables: [...shown].filter((n) => boxes.has(n)), withInferred }
  const base = (tab.focus ?? tab.schema).replace(/[^\w.-]+/g, '_') || 'diagram'
  const relationships = model.edges.filter(
    (e) => shown.has(e.from) && shown.has(e.to) && (withInferred || !e.inferred),
  ).length
  const say = (text: string) => {
    setNotice(text)
    setTimeout(() => setNotice((current) => (current === text ? null : current)), 3000)
  }
  const text = (kind: 'mermaid' | 'dbml') =>
    kind === 'mermaid' ? toMermaid(model, selection) : toDbml(model, selection)
  const svg = () => diagramSvg(model, boxes, withInferred, themeColours())
  const exportPng = async () => {
    const area = extent(boxes.values())
    if (!area) return
    try {
      download(await svgToPng(svg(), area.width + 48, area.height + 48), `${base}.png`)
    } catch (error) {
      say(error instanceof Error ? error.message : String(error))
    }
  }
  return (
    <div className="er-toolbar" data-testid={TID.erToolbar}>
      <form
        className="er-find"
        onSubmit={(event) => {
          event.preventDefault()
          if (!onFind(query)) say(`No table matches “${query}”`)
        }}
      >
        <input
          data-testid={TID.erFind}
          placeholder="Find table…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-label="Find a table"
        />
      </form>
      <div className="er-group" role="group" aria-label="Zoom">
        <button onClick={() => onZoom(1 / 1.25)} title="Zoom out" aria-label="Zoom out">
          −
        </button>
        <span className="er-zoom" data-testid={TID.erZoom}>{`${Math.round(zoom * 100)}%`}</span>
        <button onClick={() => onZoom(1.25)} title="Zoom in" aria-label="Zoom in">
          +
        </button>
        <button onClick={onFit} data-testid={TID.erFit}>
          Fit
        </button>
      </div>
      <button onClick={onRelayout} title="Forget moved boxes and lay the diagram out again">
        Re-layout
      </button>
      <label className="er-check">
        <input
          type="checkbox"
          checked={withInferred}
          data-testid={TID.erInferred}
          onChange={(event) => diagram.setWithInferred(event.target.checked)}
        />
        Inferred
      </label>
      <span className="er-status" data-testid={TID.erStatus} role="status">
        {laying ? 'Laying out… · ' : ''}
        {layoutError ? `Layout failed: ${layoutError} · ` : ''}
        {`${shown.size} tables · ${relationships} relationships`}
        {notice ? ` · ${notice}` : ''}
      </span>
      <div className="er-group er-exports" role="group" aria-label="Export">
        <span className="er-label">Export</span>
        <button onClick={() => download(new Blob([svg()], { type: 'image/svg+xml' }), `${base}.svg`)}>SVG</button>
        <button onClick={() => void exportPng()}>PNG</button>
        <button
          data-testid={TID.erMermaid}
          onClick={() => download(new Blob([text('mermaid')], { type: 'text/plain' }), `${base}.mmd`)}
        >
          Mermaid
        </button>
        <button onClick={() => download(new Blob([text('dbml')], { type: 'text/plain' }), `${base}.dbml`)}>DBML</button>
        <span className="er-label er-label-gap">Copy</span>
        <button
          data-testid={TID.erCopyMermaid}
          title="Copy the Mermaid text"
          onClick={() => void copyText(text('mermaid')).then((ok) => say(ok ? 'Mermaid copied' : 'Copy failed'))}
        >
          Mermaid
        </button>
        <button
          title="Copy the DBML text"
          onClick={() => void copyText(text('dbml')).then((ok) => say(ok ? 'DBML copied' : 'Copy failed'))}
        >
          DBML
        </button>
      </div>
    </div>
  )
}
