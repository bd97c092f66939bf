import { useSyncExternalStore } from 'react'
import type { RefObject } from 'react'
import { TID } from '../test-ids'
import { EDITOR_RANGE } from './layout-model'
import type { LayoutStore } from './layout-store'
import { Splitter } from './splitter'

/** The editor's share of its query tab, for the editor pane's height. */
export function useEditorShare(layout: LayoutStore): number {
  return useSyncExternalStore(layout.subscribe, () => layout.getState().editorShare)
}

/** Between a query's editor and its results; the size is a share of `container` (the query tab). */
export function EditorSplitter({
  layout,
  container,
}: {
  layout: LayoutStore
  container: RefObject<HTMLElement | null>
}) {
  const share = useEditorShare(layout)
  return (
    <Splitter
      orientation="horizontal"
      label="Editor height"
      testId={TID.editorSplitter}
      value={share}
      min={EDITOR_RANGE.min}
      max={EDITOR_RANGE.max}
      pixelsPerUnit={() => container.current?.clientHeight ?? 0}
      onResize={(value) => layout.setEditorShare(value)}
      onReset={() => layout.resetEditorShare()}
      valueText={`${Math.round(share * 100)}% of the tab`}
    />
  )
}
