import { useId } from 'react'
import type { ConsoleSettings, TxState } from '../../../../shared/domain/console'

interface Props {
  settings: ConsoleSettings
  onSettings(settings: ConsoleSettings): void
  /** What the tab is doing: Cancel stops a run or an explain; nothing else starts meanwhile. */
  busy: 'run' | 'explain' | 'export' | 'commit' | null
  tx: TxState
  /** The embedded engine keeps Auto-commit on (one session for the whole app). */
  autoCommitFixed: boolean
  canExport: boolean
  onRun(): void
  onRunAll(): void
  onCancel(): void
  onExplain(): void
  onExport(): void
  onCommit(): void
  onRollback(): void
}

function Switch({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string
  checked: boolean
  disabled?: boolean
  onChange(v: boolean): void
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      disabled={disabled}
      className="switch"
      onClick={() => onChange(!checked)}
    >
      <span className="switch-track" aria-hidden="true" />
      {label}
    </button>
  )
}

const txText: Record<TxState, string> = {
  none: '',
  open: 'Transaction open',
  failed: 'Transaction failed: roll back',
}

/** Run, Run all, Cancel, Explain, Export CSV; Read-only, Auto-commit and the timeout; Commit and Rollback when a transaction is open. */
export function ConsoleToolbar(p: Props) {
  const timeoutId = useId()
  const { settings } = p
  const busy = p.busy !== null
  const cancellable = p.busy === 'run' || p.busy === 'explain'
  return (
    <div className="console-toolbar" role="toolbar" aria-label="SQL">
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={p.onRun}
        title="Ctrl/Cmd-Enter"
      >
        Run
      </button>
      <button type="button" disabled={busy} onClick={p.onRunAll}>
        Run all
      </button>
      <button type="button" disabled={!cancellable} onClick={p.onCancel}>
        Cancel
      </button>
      <button type="button" disabled={busy} onClick={p.onExplain}>
        Explain
      </button>
      <button type="button" disabled={busy || !p.canExport} onClick={p.onExport}>
        Export CSV
      </button>
      <Switch
        label="Read-only"
        checked={settings.readOnly}
        onChange={(readOnly) => p.onSettings({ ...settings, readOnly })}
      />
      <Switch
        label="Auto-commit"
        checked={settings.autoCommit}
        disabled={p.autoCommitFixed}
        onChange={(autoCommit) => p.onSettings({ ...settings, autoCommit })}
      />
      <label htmlFor={timeoutId}>Statement timeout (s)</label>
      <input
        id={timeoutId}
        type="number"
        min={0}
        max={86_400}
        step={1}
        className="timeout-input"
        value={settings.statementTimeoutMs / 1000}
        onChange={(e) => {
          const seconds = Math.max(0, Math.min(86_400, Math.round(Number(e.target.value) || 0)))
          p.onSettings({ ...settings, statementTimeoutMs: seconds * 1000 })
        }}
      />
      {cancellable && <progress className="console-progress" aria-label="Running" />}
      {p.tx !== 'none' && (
        <span className={`tx-state ${p.tx}`} role="status">
          {txText[p.tx]}
        </span>
      )}
      {p.tx !== 'none' && (
        <>
          <button type="button" disabled={busy || p.tx === 'failed'} onClick={p.onCommit}>
            Commit
          </button>
          <button type="button" disabled={busy} onClick={p.onRollback}>
            Rollback
          </button>
        </>
      )}
    </div>
  )
}
