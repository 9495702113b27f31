import { autocompletion, type Completion } from '@codemirror/autocomplete'
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql'
import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state'
import { Decoration, EditorView, keymap, type DecorationSet } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react'
import type { ConsoleCompletions } from '../../../../shared/domain/console'
import { statementAt } from '../../../../shared/sql/split'

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

const setError = StateEffect.define<number | null>()
const errorMark = Decoration.mark({
  class: 'cm-sql-error',
  attributes: { title: 'The server reports an error here' },
})
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes)
    for (const effect of tr.effects) {
      if (!effect.is(setError)) continue
      const at = effect.value
      if (at === null || at > tr.state.doc.length) next = Decoration.none
      else {
        const word = tr.state.wordAt(at)
        const end = word && word.from === at ? word.to : Math.min(at + 1, tr.state.doc.length)
        next = end > at ? Decoration.set([errorMark.range(at, end)]) : Decoration.none
      }
    }
    // Editing clears the mark: the text it pointed at is no longer what ran.
    return tr.docChanged ? Decoration.none : next
  },
  provide: (field) => EditorView.decorations.from(field),
})

function languageFor(completions: ConsoleCompletions) {
  const functions: Completion[] = completions.functions.map((name) => ({
    label: name,
    type: 'function',
    apply: `${name}(`,
  }))
  return [
    sql({
      dialect: PostgreSQL,
      schema: completions.schemas as SQLNamespace,
      // Tables of the public schema complete without it, as the search path finds them.
      defaultSchema: 'public',
      upperCaseKeywords: true,
    }),
    PostgreSQL.language.data.of({
      autocomplete: (context: {
        matchBefore(re: RegExp): { from: number } | null
        explicit: boolean
      }) => {
        const word = context.matchBefore(/\w+/)
        if (!word && !context.explicit) return null
        return { from: word?.from ?? 0, options: functions }
      },
    }),
  ]
}

/**
 * The SQL editor: CodeMirror 6 with PostgreSQL highlighting and completion
 * of the catalog's tables, columns and functions. Ctrl/Cmd-Enter runs the
 * selection or the statement at the cursor.
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
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([{ key: 'Mod-Enter', run: () => (callbacks.current.onRun(), true) }]),
          basicSetup,
          language.current.of(languageFor(completions)),
          autocompletion(),
          errorField,
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
