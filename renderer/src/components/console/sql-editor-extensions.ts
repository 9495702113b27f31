import { type Completion } from '@codemirror/autocomplete'
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql'
import { StateEffect, StateField } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'
import type { ConsoleCompletions } from '../../../../shared/domain/console'

/** Marks where the server says the last error is (null clears it). */
export const setError = StateEffect.define<number | null>()

const errorMark = Decoration.mark({
  class: 'cm-sql-error',
  attributes: { title: 'The server reports an error here' },
})

export const errorField = StateField.define<DecorationSet>({
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

/**
 * The editor's own look. It lives in a shadow root (see SqlEditor), where the
 * app's stylesheets do not reach; CSS variables do, so it follows the theme.
 */
export const editorTheme = EditorView.theme({
  '&': {
    fontFamily: 'var(--mono)',
    fontSize: '13px',
    minHeight: '160px',
    maxHeight: '45vh',
    backgroundColor: 'var(--panel)',
    color: 'var(--text)',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
  '.cm-scroller': { fontFamily: 'var(--mono)' },
  '.cm-gutters': {
    backgroundColor: 'var(--sidebar)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-sql-error': {
    textDecoration: 'wavy underline var(--danger)',
    backgroundColor: 'var(--danger-bg)',
  },
})

/** PostgreSQL highlighting and completion of the catalog's names and functions. */
export function languageFor(completions: ConsoleCompletions) {
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
