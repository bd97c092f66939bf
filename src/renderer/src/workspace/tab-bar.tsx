import { TID } from '../test-ids'
import type { WorkspaceState, WorkspaceStore } from './workspace-store'

/** The open tabs; middle-click or × closes one. */
export function TabBar({ state, store }: { state: WorkspaceState; store: WorkspaceStore }) {
  return (
    <div className="tab-bar" data-testid={TID.tabBar} role="tablist">
      {state.tabs.map((tab) => (
        <div
          key={tab.id}
          role="tab"
          aria-selected={tab.id === state.activeId}
          className={`tab${tab.id === state.activeId ? ' tab-active' : ''}`}
          data-testid={TID.tab}
          data-title={tab.title}
          onClick={() => store.activate(tab.id)}
          onAuxClick={(event) => event.button === 1 && store.close(tab.id)}
        >
          <span className="tab-icon">{tab.kind === 'query' ? '✎' : '▤'}</span>
          <span className="tab-title">{tab.title}</span>
          <button
            className="tab-close"
            aria-label={`Close ${tab.title}`}
            onClick={(event) => {
              event.stopPropagation()
              store.close(tab.id)
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
