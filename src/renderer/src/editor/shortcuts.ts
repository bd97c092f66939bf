/** Every keyboard shortcut, as the help panel (F1) and README list them. "Mod" is Ctrl, or Cmd on macOS. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; action: string; where: string }> = [
  { keys: 'Mod+Enter', action: 'Run the selection, or the statement under the cursor', where: 'Editor' },
  { keys: 'Mod+Shift+Enter', action: 'Run the whole script', where: 'Editor' },
  { keys: 'Esc', action: 'Cancel the running query (in the engine)', where: 'Editor' },
  { keys: 'Mod+Shift+E', action: 'Explain the selection or the statement under the cursor', where: 'Editor' },
  { keys: 'Shift+Alt+F or Mod+Shift+F', action: 'Format the selection, or the whole script', where: 'Editor' },
  { keys: 'Mod+/', action: 'Comment or uncomment the selected lines', where: 'Editor' },
  { keys: 'Ctrl+Space', action: 'Complete: schemas, tables, columns, keywords, functions', where: 'Editor' },
  { keys: 'Mod+Z / Mod+Shift+Z', action: 'Undo / redo', where: 'Editor' },
  { keys: 'Mod+F', action: 'Find and replace in the editor', where: 'Editor' },
  { keys: 'Mod+Shift+H', action: 'Open or close History', where: 'Anywhere' },
  { keys: 'Mod+B', action: 'Hide or show the sidebar', where: 'Anywhere' },
  { keys: '←/→, ↑/↓, Enter', action: 'Resize a focused splitter; Enter collapses the sidebar', where: 'Splitter' },
  { keys: 'Mod+Alt+Enter', action: "Commit the tab's open transaction", where: 'Query tab' },
  { keys: 'Mod+Alt+Backspace', action: "Roll back the tab's open transaction", where: 'Query tab' },
  { keys: 'F5', action: 'Refresh the selected node and what is loaded under it', where: 'Tree' },
  { keys: 'F1', action: 'Show these shortcuts', where: 'Anywhere' },
]
