import { autocompletion } from '@codemirror/autocomplete'
import { Compartment, EditorState } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react'
import type { ConsoleCompletions } from '../../../../shared/domain/console'
import { statementAt } from '../../../../shared/sql/split'
import { editorTheme, errorField, languageFor, setError } from './sql-editor-extensions'

/** The text to run and where it starts in the editor (to place an error the server reports). */
export interface SqlSelection {
  sql: string
  offset: number
}

export interface SqlEditorHandle {
  /** The selection if there is one, else the statement at the cursor. */
  current(): SqlSelection | null
  all(): SqlSelection
  focus(): void
}

interface Props {
  value: string
  onChange(text: string): void
  /** Ctrl/Cmd-Enter. */
  onRun(): void
  /** Schemas, tables, columns and functions (TimescaleDB's too) to complete. */
  completions: ConsoleCompletions
  /** Where the server says the last error is: marked, and the cursor put there. */
  errorAt: number | null
  ref?: Ref<SqlEditorHandle>
}

/**
 * The SQL editor: CodeMirror 6 with PostgreSQL highlighting and completion
 * of the catalog's tables, columns and functions. Ctrl/Cmd-Enter runs the
 * selection or the statement at the cursor.
 *
 * It is drawn in a shadow root: CodeMirror styles itself with stylesheets it
 * makes at run time, which the app's Content-Security-Policy (`style-src
 * 'self'`) refuses as <style> elements but allows as a shadow root's adopted
 * stylesheets. Without them the editor loses its layout, and Chromium turns
 * typed runs of spaces into non-breaking spaces the server cannot parse.
 */
export function SqlEditor({ value, onChange, onRun, completions, errorAt, ref }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const language = useRef(new Compartment())
  const callbacks = useRef({ onChange, onRun })

  useEffect(() => {
    callbacks.current = { onChange, onRun }
  })

  useEffect(() => {
    if (!host.current) return
    const root = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' })
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([{ key: 'Mod-Enter', run: () => (callbacks.current.onRun(), true) }]),
          basicSetup,
          language.current.of(languageFor(completions)),
          autocompletion(),
          errorField,
          editorTheme,
          EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString())
          }),
        ],
      }),
    })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = null
    }
    // The editor is made once; a new tab's text comes in through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const editor = view.current
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } })
    }
  }, [value])

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageFor(completions)) })
  }, [completions])

  useEffect(() => {
    const editor = view.current
    if (!editor) return
    const inside = errorAt !== null && errorAt <= editor.state.doc.length
    editor.dispatch({
      effects: setError.of(inside ? errorAt : null),
      ...(inside ? { selection: { anchor: errorAt }, scrollIntoView: true } : {}),
    })
  }, [errorAt])

  useImperativeHandle(ref, () => ({
    current: () => {
      const editor = view.current
      if (!editor) return null
      const { from, to } = editor.state.selection.main
      const doc = editor.state.doc.toString()
      if (to > from && doc.slice(from, to).trim()) return { sql: doc.slice(from, to), offset: from }
      const span = statementAt(doc, from)
      return span ? { sql: span.text, offset: span.start } : null
    },
    all: () => ({ sql: view.current?.state.doc.toString() ?? '', offset: 0 }),
    focus: () => view.current?.focus(),
  }))

  return <div ref={host} className="sql-editor" />
}
