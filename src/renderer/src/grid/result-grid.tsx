import './grid.css'
import './grid-tools.css'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { SAMPLE_ENGINE } from '../../../shared/contract'
import type { EngineId } from '../../../shared/contract/model'
import { TID } from '../test-ids'
import type { CellPos } from './cell-navigation'
import { cellAt, rowHeaderAt, rowsBySlot } from './grid-dom'
import { onGridKey } from './grid-keys'
import { CellEditor } from './cell-editor'
import { CellViewer } from './cell-viewer'
import { useViewerDock } from './viewer-dock'
import type { GridEditMarks, GridEditing } from './grid-edits'
import { GridContextMenu, type EditMenuItem } from './grid-context-menu'
import { GridHeader } from './grid-header'
import { GRID_FONTS, gutterWidth, ROW_HEIGHT } from './grid-layout'
import { GridModel } from './grid-model'
import { GridRow } from './grid-row'
import type { RowStore } from './row-store'
import { createTextMeasure } from './text-measure'
import { GridToolbar } from './grid-toolbar'
import { useGridEditing, type GridEditor } from './use-grid-editing'
import { useGridTools } from './use-grid-tools'
import { useRowWindow } from './use-row-window'
import { RecordView } from './record-view'
import { AggregateBar } from './aggregates/aggregate-bar'
import { engineSource } from './aggregates/aggregate-run'
import { ColumnFilterPopup } from './column-filter-popup'
import type { GridKeyLinks } from './grid-key-links'
import { keyFollower, onFollowArrow } from './key-follow'
import type { SortSpec } from './view/view-compute'

/** Props of the result grid. */
export interface ResultGridProps {
  /** The rows to show; the grid follows its change signal while rows stream in. */
  store: RowStore
  /** Shown when the result has columns but no rows; pass '' while rows may still come. */
  emptyText?: string
  className?: string
  /** The result's engine and source table (quoted), for Copy as SQL INSERT. */
  copyTarget?: { engine: EngineId; table: string | null }
  /** When given, a header click asks for this sort (ORDER BY on the server) instead of sorting loaded rows. */
  serverSort?: { sorts: readonly SortSpec[]; onSort: (col: number, add: boolean) => void } | undefined
  /** The result's foreign keys: key values are links, rows list what references them. */
  keyLinks?: GridKeyLinks | undefined
  /** Editing (the table Data view): cells are edited in place and staged edits are shown. */
  editing?: GridEditing | undefined
  /** Hears where the rows in view end (and the rows shown) as the view moves: a paged table loads more. */
  onViewEnd?: ((end: number, rowCount: number) => void) | undefined
}

/** An open cell viewer: it shows the active cell (it follows the selection), focused on the cell it was opened on. */
interface OpenCell extends CellPos {
  /** The result it was opened on: a viewer does not outlive its result. */
  generation: number
}

const FONT_VARS = {
  '--qgrid-font': GRID_FONTS.cell,
  '--qgrid-font-name': GRID_FONTS.name,
  '--qgrid-font-type': GRID_FONTS.type,
} as CSSProperties

/**
 * A query result, virtualised in both directions: only the rows and columns in view are in the
 * DOM. Rows are read from the store by index at render time; React state holds only the viewer.
 */
export function ResultGrid(props: ResultGridProps) {
  const { store, emptyText = 'No rows', className, copyTarget, serverSort, keyLinks, editing, onViewEnd } = props
  const target = copyTarget ?? DEFAULT_TARGET
  // Sort, filter and selection live beside the rows (with staged edits over them, when editing).
  const wrap = useMemo(() => (editing ? (base: RowStore) => editing.wrap(base) : undefined), [editing])
  const tools = useGridTools(store, target, wrap)
  const { view, selection, rect } = tools
  const model = useMemo(() => new GridModel(view, createTextMeasure()), [view])
  // One snapshot for the store's throttled signal and the model's own changes: no setState per batch.
  useSyncExternalStore(model.subscribe, model.getVersion)
  const scrollerRef = useRef<HTMLDivElement>(null)
  const [viewer, setViewer] = useState<OpenCell | null>(null)
  const [docked, setDocked] = useViewerDock()
  /** The row in the record view (and the result it was opened on), or null. */
  const [record, setRecord] = useState<{ row: number; generation: number } | null>(null)
  /** The column whose values filter is open, and where. */
  const [filterMenu, setFilterMenu] = useState<{ col: number; x: number; y: number } | null>(null)
  const closeFilterMenu = useCallback(() => setFilterMenu(null), [])

  const { columns, rowCount } = view
  // The view with its engine, for the aggregates' min and max; stable while the view and engine are.
  const aggregateSource = useMemo(() => engineSource(view, target.engine), [view, target.engine])
  const { widths, active, generation, layoutVersion } = model
  const dragging = useRef(false)
  useEffect(() => {
    const up = () => (dragging.current = false)
    window.addEventListener('mouseup', up)
    return () => window.removeEventListener('mouseup', up)
  }, [])
  const gutter = gutterWidth(rowCount)
  const getScrollElement = useCallback(() => scrollerRef.current, [])

  const rows = useRowWindow(scrollerRef, rowCount, generation)
  const slotted = rowsBySlot(rows.range.first, rows.range.end, rows.slots)
  useEffect(() => onViewEnd?.(rows.range.end, rowCount), [rows.range.end, rowCount, onViewEnd])
  const colVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement,
    estimateSize: (i) => widths[i] ?? 100,
    // A margin keeps horizontal scrolling from showing blanks; every column in it is a cell in each
    // row that a vertical scroll renders again, so it stays at a few columns (4 × at least 60 px).
    overscan: 4,
    paddingStart: gutter,
    scrollPaddingStart: gutter,
  })

  // Widths live in the model; the column virtualizer caches positions until told to re-measure.
  useLayoutEffect(() => colVirtualizer.measure(), [layoutVersion, colVirtualizer])

  // A new result starts at the left (and, through useRowWindow, at the top). Growth never moves it.
  useLayoutEffect(() => {
    if (scrollerRef.current) scrollerRef.current.scrollLeft = 0
  }, [generation])

  const open = (cell: CellPos) => {
    model.setActive(cell)
    setViewer({ ...cell, generation })
  }
  const close = () => {
    setViewer(null)
    scrollerRef.current?.focus({ preventScroll: true })
  }
  const openRecord = (row: number) => {
    setViewer(null)
    setRecord({ row, generation })
  }
  /** The record view moved to another row: the grid's active cell follows it. */
  const recordRow = (row: number) => {
    setRecord({ row, generation })
    model.setActive({ row, col: model.active?.col ?? 0 })
    rows.reveal(row)
  }
  const closeRecord = () => {
    setRecord(null)
    scrollerRef.current?.focus({ preventScroll: true })
  }

  const reveal = (cell: CellPos) => {
    rows.reveal(cell.row)
    colVirtualizer.scrollToIndex(cell.col, { align: 'auto' })
  }
  const edit = useGridEditing(editing, model, tools, (cell) => {
    if (cell) reveal(cell)
    scrollerRef.current?.focus({ preventScroll: true })
  })
  const editRows = tools.rows
  const marks = useMemo<GridEditMarks | undefined>(
    () =>
      editRows
        ? {
            rowMark: (row) => editRows.rowMark(view.baseRow(row)),
            cellMark: (row, col) => editRows.cellMark(view.baseRow(row), col),
          }
        : undefined,
    [editRows, view],
  )
  const readOnly = useMemo(() => (editing ? (col: number) => editing.readOnlyReason(col) : undefined), [editing])

  const { followable, follow } = keyFollower(keyLinks, view)
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (edit?.onKey(e)) return
    // While editing, Enter edits: Space opens the value's viewer (as a quick look).
    if (edit && e.key === ' ' && model.active) {
      e.preventDefault()
      return open(model.active)
    }
    onGridKey(e, {
      model,
      tools,
      pageRows: rows.pageRows,
      followable,
      follow,
      openViewer: open,
      openRecord,
      reveal,
    })
  }
  const onMouseDown = (e: MouseEvent) => {
    if (e.button === 2) return
    const header = rowHeaderAt(e.target)
    if (header !== null) {
      selection.selectRow(header, e.shiftKey)
      model.setActive({ row: header, col: model.active?.col ?? 0 })
      return
    }
    const cell = cellAt(e.target)
    if (!cell || e.button !== 0) return
    if ((e.ctrlKey || e.metaKey || onFollowArrow(e)) && follow(cell)) {
      e.preventDefault()
      model.setActive(cell)
      return
    }
    if (e.shiftKey) selection.extendTo(cell)
    else selection.selectCell(cell)
    model.setActive(cell)
    dragging.current = true
  }
  const onMouseMove = (e: MouseEvent) => {
    if (!dragging.current || (e.buttons & 1) === 0) return
    const cell = cellAt(e.target)
    if (!cell) return
    selection.extendTo(cell)
    model.setActive(cell)
  }
  const onContextMenu = (e: MouseEvent) => {
    const cell = cellAt(e.target)
    if (!cell) return
    e.preventDefault()
    const inside =
      rect && cell.row >= rect.row0 && cell.row <= rect.row1 && cell.col >= rect.col0 && cell.col <= rect.col1
    if (!inside) selection.selectCell(cell)
    model.setActive(cell)
    tools.openMenu(e.clientX, e.clientY)
  }
  const onHeaderClick = (col: number, e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey) selection.selectColumn(col, e.shiftKey)
    else if (serverSort) serverSort.onSort(col, e.shiftKey)
    else view.cycleSort(col, e.shiftKey)
    scrollerRef.current?.focus({ preventScroll: true })
  }
  const onDoubleClick = (e: MouseEvent) => {
    const cell = cellAt(e.target)
    if (cell && edit) edit.begin(cell)
    else if (cell) open(cell)
  }
  const onResize = useCallback((col: number, px: number) => model.resize(col, px), [model])
  const onFit = (col: number) => {
    model.fitColumn(col, rows.range.first, rows.range.end)
  }

  const width = colVirtualizer.getTotalSize()
  const visibleColumns = colVirtualizer.getVirtualItems()
  const activeCol = active?.col ?? -1

  const viewStatus = view.status()
  const filteredCols = new Set(viewStatus.columnFilters.map((f) => f.col))
  const wholeColumns =
    rect && (rect.mode === 'columns' || rect.mode === 'all') ? ([rect.col0, rect.col1] as const) : null
  return (
    <div
      className={className ? `qgrid ${className}` : 'qgrid'}
      data-testid={TID.grid}
      data-viewer-docked={(docked && viewer?.generation === generation) || undefined}
      style={FONT_VARS}
    >
      {columns.length > 0 && (
        <GridToolbar
          status={viewStatus}
          columnName={(col) => columns[col]?.name ?? ''}
          onFilter={tools.setFilter}
          onClearColumnFilters={() => view.clearColumnFilters()}
          notice={tools.notice}
        />
      )}
      <div
        ref={scrollerRef}
        className="qgrid-scroller"
        data-testid={TID.gridScroller}
        role="grid"
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length + 1}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onContextMenu={onContextMenu}
        onDoubleClick={onDoubleClick}
        onPaste={edit?.onPaste}
      >
        <div className="qgrid-canvas" style={{ width, height: rows.canvasHeight }}>
          {columns.length > 0 && (
            <GridHeader
              columns={columns}
              visibleColumns={visibleColumns}
              width={width}
              gutter={gutter}
              activeCol={activeCol}
              onResize={onResize}
              onFit={onFit}
              sorts={serverSort ? serverSort.sorts : viewStatus.sorts}
              selectedCols={wholeColumns}
              onHeaderClick={onHeaderClick}
              filteredCols={filteredCols}
              onFilterMenu={(col, x, y) => setFilterMenu({ col, x, y })}
            />
          )}
          <div className="qgrid-rows" style={{ transform: `translateY(${rows.layerTop}px)`, width }}>
            {slotted.rows.map((row) => (
              <GridRow
                // The row's slot: a row scrolled in reuses the element of the row scrolled out.
                key={row % slotted.slots}
                source={view}
                row={row}
                top={(row - rows.range.base) * ROW_HEIGHT}
                columns={columns}
                engine={target.engine}
                visibleColumns={visibleColumns}
                width={width}
                gutter={gutter}
                activeCol={active?.row === row ? activeCol : -1}
                generation={generation}
                selFrom={rect && row >= rect.row0 && row <= rect.row1 ? rect.col0 : -1}
                order={view.orderVersion}
                selTo={rect && row >= rect.row0 && row <= rect.row1 ? rect.col1 : -1}
                linkCols={keyLinks?.columns}
                marks={marks}
                marksVersion={editRows?.editVersion}
                readOnly={readOnly}
              />
            ))}
            {edit?.editor ? (
              <CellEditor
                key={`${edit.editor.row}:${edit.editor.col}`}
                spec={edit.editor.spec}
                initial={edit.editor.initial}
                style={{
                  top: (edit.editor.row - rows.range.base) * ROW_HEIGHT,
                  left: widths.slice(0, edit.editor.col).reduce((sum, w) => sum + w, gutter),
                  minWidth: Math.max(widths[edit.editor.col] ?? 100, 180),
                }}
                onCommit={edit.commit}
                onCancel={edit.cancel}
              />
            ) : null}
          </div>
        </div>
        {columns.length > 0 && rowCount === 0 && emptyText && <div className="qgrid-empty">{emptyText}</div>}
      </div>
      <AggregateBar source={aggregateSource} rect={rect} version={view.version} />
      {viewer?.generation === generation && active && active.row < rowCount && (
        <CellViewer
          key={`${active.row}:${active.col}`}
          value={view.get(active.row, active.col)}
          column={columns[active.col]}
          engine={target.engine}
          row={active.row}
          focus={active.row === viewer.row && active.col === viewer.col}
          docked={docked}
          onDock={setDocked}
          onClose={close}
        />
      )}
      {record?.generation === generation && record.row < rowCount && (
        <RecordView source={view} engine={target.engine} row={record.row} onRow={recordRow} onClose={closeRecord} />
      )}
      {filterMenu && columns[filterMenu.col] && (
        <ColumnFilterPopup
          key={filterMenu.col}
          view={view}
          col={filterMenu.col}
          column={columns[filterMenu.col]!}
          engine={target.engine}
          x={filterMenu.x}
          y={filterMenu.y}
          onClose={closeFilterMenu}
        />
      )}
      {tools.menu && (
        <GridContextMenu
          x={tools.menu.x}
          y={tools.menu.y}
          onCopy={(format, withHeader) => tools.copy(format, withHeader, model.active)}
          onOpenViewer={model.active ? () => open(model.active!) : null}
          onOpenRecord={model.active ? () => openRecord(model.active!.row) : null}
          editItems={edit ? editMenu(edit, model.active) : undefined}
          onFollowKey={followable(model.active) ? () => follow(model.active!) : null}
          referencedBy={
            model.active && keyLinks?.referencedBy
              ? () => {
                  const row = model.active!.row
                  return keyLinks.referencedBy!((col) => view.get(row, col))
                }
              : null
          }
          onClose={tools.closeMenu}
        />
      )}
    </div>
  )
}

const DEFAULT_TARGET = { engine: SAMPLE_ENGINE, table: null } as const

/** The context menu's editing actions for the active cell and the selection. */
function editMenu(edit: GridEditor, active: CellPos | null): EditMenuItem[] {
  const why = edit.reason(active)
  return [
    { id: 'edit', label: 'Edit cell', hint: 'Enter', run: () => active && edit.begin(active), disabled: why },
    { id: 'set-null', label: 'Set NULL', run: () => edit.setSelected({ value: null }), disabled: why },
    {
      id: 'set-empty',
      label: 'Set empty',
      run: () => edit.setSelected({ value: '' }),
      disabled: why ?? (edit.textual(active) ? null : "Not a text column: '' is not one of its values"),
    },
    { id: 'set-default', label: 'Set default', run: () => edit.setSelected({ default: true }), disabled: why },
    { id: 'add-row', label: 'Add row', run: () => edit.addRow(false) },
    { id: 'duplicate-row', label: 'Duplicate row', run: () => edit.addRow(true), disabled: active ? null : 'No row' },
    { id: 'delete-rows', label: 'Delete row(s)', hint: 'Delete', run: () => edit.deleteSelectedRows() },
  ]
}
