import { autocompletion } from '@codemirror/autocomplete'
import type { CompletionSource } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { setDiagnostics } from '@codemirror/lint'
import * as langSql from '@codemirror/lang-sql'
import type { SQLDialect } from '@codemirror/lang-sql'
import { queryLanguageOf } from '../../../shared/contract'
import type { EngineId } from '../../../shared/contract'
import { engineOf } from '../../../shared/engines/engine-list'
import { Prec } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'react'
import type { MutableRefObject } from 'react'
import { currentStatement, formatInEditor, wholeScript } from './editor-commands'
import type { EditorText } from './editor-commands'
import type { EditorMark } from './editor-mark'
import { editorTheme } from './editor-theme'
import { TID } from '../test-ids'

/** The @codemirror/lang-sql dialect an engine's descriptor names. */
const highlightOf = (engine: EngineId): SQLDialect => langSql[engineOf(engine).editor.highlight]

/** What the toolbar can ask of the editor. */
export interface EditorHandle {
  current(): EditorText | null
  whole(): EditorText
  format(): void
}

export interface SqlEditorProps {
  /** Whose SQL dialect to highlight, split, format and complete. */
  engine: EngineId
  initialValue: string
  onChange: (value: string) => void
  /** Run `sql`, which starts at `offset` of the editor's text. */
  onRun: (text: EditorText) => void
  onExplain: (text: EditorText) => void
  /** A range to mark as the error of the last run, or null. */
  mark: EditorMark | null
  /** Esc: cancel the running query. Returns whether there was one to cancel. */
  onCancel: () => boolean
  /** A message for the user (a format that failed). */
  onMessage: (message: string) => void
  /** Schema-aware completion; null: none. */
  completion: CompletionSource | null
  /** Filled in with the editor's commands, for the toolbar. */
  handle: MutableRefObject<EditorHandle | null>
  /** Run the whole text once the editor exists (a History entry opened to run). */
  runOnMount?: boolean
}

/** CodeMirror 6 with SQL highlighting; the view lives outside React and is created once. */
export function SqlEditor(props: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const callbacks = useRef(props)
  callbacks.current = props

  useEffect(() => {
    if (!host.current) return
    const engine = props.engine
    const run = (text: EditorText | null): boolean => {
      if (text && text.sql.trim()) callbacks.current.onRun(text)
      return true
    }
    const format = (target: EditorView): boolean => {
      const problem = formatInEditor(target, engine)
      if (problem) callbacks.current.onMessage(problem)
      return true
    }
    const editorKeys = Prec.highest(
      keymap.of([
        { key: 'Mod-Enter', run: (target) => run(currentStatement(target, engine)) },
        { key: 'Shift-Mod-Enter', run: (target) => run(wholeScript(target)) },
        {
          key: 'Shift-Mod-e',
          run: (target) => {
            const text = currentStatement(target, engine)
            if (text) callbacks.current.onExplain(text)
            return true
          },
        },
        { key: 'Shift-Alt-f', run: format },
        { key: 'Shift-Mod-f', run: format },
        { key: 'Escape', run: () => callbacks.current.onCancel() },
      ]),
    )
    const completion = props.completion
    const editor = new EditorView({
      parent: host.current,
      doc: props.initialValue,
      extensions: [
        editorKeys,
        basicSetup,
        history(),
        // Mod-/ (toggle line comments with the dialect's `--`) comes with the default keymap.
        keymap.of([...defaultKeymap, ...historyKeymap]),
        // MongoDB takes shell commands: no SQL highlighting or completion there.
        ...(queryLanguageOf(engine) === 'sql'
          ? [
              langSql.sql({ dialect: highlightOf(engine), upperCaseKeywords: true }),
              ...(completion ? [autocompletion({ override: [completion], activateOnTypingDelay: 50 })] : []),
            ]
          : []),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) callbacks.current.onChange(update.state.doc.toString())
        }),
        editorTheme,
      ],
    })
    editor.focus()
    view.current = editor
    props.handle.current = {
      current: () => currentStatement(editor, engine),
      whole: () => wholeScript(editor),
      format: () => void format(editor),
    }
    if (props.runOnMount) run(wholeScript(editor))
    return () => {
      view.current = null
      editor.destroy()
    }
    // The document is owned by CodeMirror after creation; initialValue is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const { mark } = props
  useEffect(() => {
    const editor = view.current
    if (!editor) return
    const length = editor.state.doc.length
    const diagnostics = mark
      ? [
          {
            from: Math.min(mark.from, length),
            to: Math.min(Math.max(mark.to, mark.from + 1), length),
            severity: 'error' as const,
            message: mark.message,
          },
        ]
      : []
    editor.dispatch(setDiagnostics(editor.state, diagnostics))
  }, [mark])

  return <div className="sql-editor" data-testid={TID.editor} data-error-at={mark?.from} ref={host} />
}
