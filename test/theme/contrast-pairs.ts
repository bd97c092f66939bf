/**
 * Which palette text colour is drawn on which palette background (names without `--`), as the
 * CSS uses them. test/theme/palette-contrast.test.ts checks every pair in both themes against WCAG AA.
 * A rule that puts a new text colour on a new background adds its pair here.
 */
export const TEXT_PAIRS: ReadonlyArray<readonly [text: string, background: string]> = [
  // Chrome: sidebar, tab strip, toolbars, status lines, buttons, inputs, menus, dialogs.
  ...['bg', 'bg-side', 'bg-bar', 'bg-subtle', 'bg-raised', 'bg-hover', 'bg-selected', 'bg-code', 'info-bg'].map(
    (bg) => ['text', bg] as const,
  ),
  ...['bg', 'bg-side', 'bg-bar', 'bg-subtle', 'bg-raised', 'bg-hover', 'info-bg'].map((bg) => ['muted', bg] as const),
  ['accent', 'bg'],
  ['accent', 'bg-subtle'],
  ['accent', 'bg-raised'],
  ['accent', 'grid-bg-header'],
  ['on-accent', 'accent-strong'],
  ['on-danger', 'danger-strong'],
  ['ok', 'bg'],
  ['ok', 'bg-subtle'],
  ['ok', 'info-bg'],
  ['danger', 'bg'],
  ['danger', 'bg-side'],
  ['danger', 'bg-subtle'],
  ['danger', 'info-bg'],
  ['danger', 'danger-bg'],
  ['danger', 'danger-code-bg'],
  ['warn', 'bg'],
  ['warn', 'bg-subtle'],
  ['warn', 'warn-bg'],
  ['text', 'note-bg'],
  ['text', 'ok-bg'],
  ['text', 'danger-bg'],
  ['muted', 'danger-bg'],
  ['text', 'border'],
  ['badge-ro-text', 'badge-ro-bg'],
  ['badge-safe-text', 'badge-safe-bg'],
  // Result grid, cell viewer, plan.
  ...['grid-bg', 'grid-bg-odd', 'grid-bg-hover', 'grid-bg-header', 'grid-header-active', 'grid-selected'].map(
    (bg) => ['text', bg] as const,
  ),
  ...['grid-bg', 'grid-bg-odd', 'grid-bg-header', 'grid-selected-header'].map((bg) => ['muted', bg] as const),
  ...['grid-null', 'grid-number', 'grid-bytes', 'grid-bool'].flatMap((fg) =>
    ['grid-bg', 'grid-bg-odd', 'grid-bg-hover', 'grid-selected'].map((bg) => [fg, bg] as const),
  ),
  // Staged edits in the grid: every value colour on a changed cell and a new row; a deleted row's text.
  ...['text', 'grid-null', 'grid-number', 'grid-bytes', 'grid-bool'].flatMap((fg) =>
    ['grid-changed', 'grid-new'].map((bg) => [fg, bg] as const),
  ),
  ['grid-deleted-text', 'grid-deleted'],
  // Editor and syntax (also the JSON viewer and MongoDB's document tree on the grid's background).
  ...['editor-bg', 'editor-active-line', 'editor-selection'].map((bg) => ['text', bg] as const),
  ['editor-gutter-text', 'editor-gutter-bg'],
  ...[
    'syn-keyword',
    'syn-string',
    'syn-number',
    'syn-comment',
    'syn-type',
    'syn-operator',
    'syn-key',
    'danger',
  ].flatMap((fg) => ['editor-bg', 'editor-active-line'].map((bg) => [fg, bg] as const)),
  ...['syn-key', 'syn-text-value', 'syn-field', 'syn-number'].map((fg) => [fg, 'grid-bg'] as const),
]
