import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { setDiagnostics } from '@codemirror/lint'
import { MSSQL, MySQL, PostgreSQL, SQLite, StandardSQL, sql } from '@codemirror/lang-sql'
import type { SQLDialect } from '@codemirror/lang-sql'
import { queryLanguageOf } from '../../../shared/contract'
import type { EngineId } from '../../../shared/contract'
import { Prec } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'react'
import type { EditorMark } from './editor-mark'
import { TID } from '../test-ids'

const DIALECTS: Record<EngineId, SQLDialect> = {
  sqlite: SQLite,
  postgres: PostgreSQL,
  mysql: MySQL,
  mssql: MSSQL,
  mongodb: StandardSQL,
}

export interface SqlEditorProps {
  /** Whose SQL dialect to highlight. */
  engine: EngineId
  initialValue: string
  onChange: (value: string) => void
  /** Ctrl/Cmd+Enter: run the selection, or the whole text when nothing is selected; `offset` is where it starts. */
  onRun: (sql: string, offset: number) => void
  /** A range to mark as the error of the last run, or null. */
  mark: EditorMark | null
  /** Esc: cancel the running query. Returns whether there was one to cancel. */
  onCancel: () => boolean
}

/** CodeMirror 6 with SQL highlighting; the view lives outside React and is created once. */
export function SqlEditor(props: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const callbacks = useRef(props)
  callbacks.current = props

  useEffect(() => {
    if (!host.current) return
    const runKeys = Prec.highest(
      keymap.of([
        {
          key: 'Mod-Enter',
          run: (view) => {
            const { from, to } = view.state.selection.main
            const text = from === to ? view.state.doc.toString() : view.state.sliceDoc(from, to)
            callbacks.current.onRun(text, from === to ? 0 : from)
            return true
          },
        },
        { key: 'Escape', run: () => callbacks.current.onCancel() },
      ]),
    )
    const editor = new EditorView({
      parent: host.current,
      doc: props.initialValue,
      extensions: [
        runKeys,
        basicSetup,
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        // MongoDB takes shell commands: no SQL highlighting or completion there.
        queryLanguageOf(props.engine) === 'sql'
          ? sql({ dialect: DIALECTS[props.engine], upperCaseKeywords: true })
          : [],
        EditorView.updateListener.of((update) => {
          if (update.docChanged) callbacks.current.onChange(update.state.doc.toString())
        }),
        EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { fontFamily: 'var(--mono)' } }),
      ],
    })
    editor.focus()
    view.current = editor
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
