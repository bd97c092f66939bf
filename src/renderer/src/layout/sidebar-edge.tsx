import { useEffect, useSyncExternalStore } from 'react'
import { TID } from '../test-ids'
import { SIDEBAR_RANGE } from './layout-model'
import type { LayoutStore } from './layout-store'
import { Splitter } from './splitter'

/**
 * The sidebar's right edge: a splitter to resize it, a tab to collapse or restore it, and
 * Ctrl/Cmd+B for the same.
 */
export function SidebarEdge({ layout }: { layout: LayoutStore }) {
  const { sidebarWidth, sidebarCollapsed } = useSyncExternalStore(layout.subscribe, layout.getState)
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'b') {
        event.preventDefault()
        layout.toggleSidebar()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [layout])
  return (
    <div className="sidebar-edge">
      <Splitter
        orientation="vertical"
        label="Sidebar width"
        testId={TID.sidebarSplitter}
        value={sidebarWidth}
        min={SIDEBAR_RANGE.min}
        max={SIDEBAR_RANGE.max}
        pixelsPerUnit={() => 1}
        onResize={(width) => layout.setSidebarWidth(width)}
        onReset={() => layout.resetSidebar()}
        onToggle={() => layout.toggleSidebar()}
        collapsed={sidebarCollapsed}
        valueText={sidebarCollapsed ? 'collapsed' : `${sidebarWidth} pixels`}
      />
      <button
        className="sidebar-toggle"
        data-testid={TID.sidebarToggle}
        aria-expanded={!sidebarCollapsed}
        aria-label={sidebarCollapsed ? 'Show the sidebar' : 'Hide the sidebar'}
        title={`${sidebarCollapsed ? 'Show' : 'Hide'} the sidebar (Ctrl/Cmd+B)`}
        onClick={() => layout.toggleSidebar()}
      >
        {sidebarCollapsed ? '›' : '‹'}
      </button>
    </div>
  )
}
