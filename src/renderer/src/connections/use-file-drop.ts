import { useEffect, useState } from 'react'
import type { QuarryClient } from '../api/quarry-client'
import type { TreeStore } from '../tree/tree-store'
import type { WorkspaceStore } from '../workspace/workspace-store'
import { planDrop } from './file-drop'
import type { DroppedFile } from './file-drop'

/** Files a drop on the tree imports (others open as connections, as anywhere on the window). */
const IMPORTABLE = /\.(csv|tsv|txt|ndjson|jsonl|xlsx)$/i

/** The id of the schema, database or table whose tree row is under a drop, if any. */
function treeNodeIdAt(target: EventTarget | null): string | null {
  const row = target instanceof Element ? target.closest('[id^="tree-row-"]') : null
  const kind = row?.getAttribute('data-kind')
  if (!row || (kind !== 'schema' && kind !== 'table' && kind !== 'database')) return null
  return decodeURIComponent(row.id.slice('tree-row-'.length))
}

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false

/** Where a dropped file lives: the desktop's preload can tell; a browser page never learns it. */
const pathOf = (file: File): string => window.quarry?.pathForFile?.(file) ?? ''

/**
 * Files dropped anywhere on the window open as connections (the engine by extension, named after
 * the file), their first table shown in the tree and opened. The drop is always taken, so the
 * window never navigates to the file. `dragging` while files are held over the window.
 */
export function useFileDrop(deps: {
  client: QuarryClient
  tree: TreeStore
  workspace: WorkspaceStore
  reload: () => Promise<void>
}) {
  const { client, tree, workspace, reload } = deps
  const [notice, setNotice] = useState<string | null>(null)
  const [dragging, setDragging] = useState(false)

  useEffect(() => {
    const open = async (dropped: DroppedFile): Promise<void> => {
      const plan = planDrop(dropped)
      if (plan.kind === 'notice') return setNotice(plan.text)
      const saved = await client.call('connections.save', { profile: plan.profile })
      if (!saved.ok) return setNotice(`Cannot open ${dropped.name}: ${saved.error.message}`)
      await reload()
      const table = await tree.revealFirstTable(saved.value.id)
      if (table) workspace.openTable(saved.value.id, saved.value.engine, table.database, table.table)
    }
    const over = (event: DragEvent): void => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
      setDragging(true)
    }
    const leave = (event: DragEvent): void => {
      // Leaving the window (no element under the pointer any more), not moving between elements.
      if (event.relatedTarget === null) setDragging(false)
    }
    const drop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      // Taken before the editor sees it: CodeMirror would paste a dropped file's whole text.
      event.stopPropagation()
      setDragging(false)
      setNotice(null)
      const files = [...(event.dataTransfer?.files ?? [])]
      // A data file dropped on a schema or table row of the tree is imported there.
      const nodeId = treeNodeIdAt(event.target)
      const first = files[0]
      if (nodeId !== null && first && IMPORTABLE.test(first.name)) {
        const path = pathOf(first)
        if (tree.requestImport({ nodeId, ...(path ? { path } : { file: first }) })) return
      }
      void (async () => {
        for (const file of files) await open({ name: file.name, path: pathOf(file) })
      })()
    }
    // Capture phase: the window decides what a dropped file does, wherever it lands.
    window.addEventListener('dragover', over, true)
    window.addEventListener('dragleave', leave, true)
    window.addEventListener('drop', drop, true)
    return () => {
      window.removeEventListener('dragover', over, true)
      window.removeEventListener('dragleave', leave, true)
      window.removeEventListener('drop', drop, true)
    }
  }, [client, tree, workspace, reload])

  // Only the desktop's preload can tell a dropped file's path.
  const takesPaths = typeof window.quarry?.pathForFile === 'function'
  return { notice, dismiss: () => setNotice(null), dragging, takesPaths }
}
