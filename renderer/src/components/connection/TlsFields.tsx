import type { ChangeEvent } from 'react'
import { sslModes, type SslMode } from '../../../../shared/domain/connection'
import { useStore } from '../../store'

const sslModeHelp: Record<SslMode, string> = {
  disable: 'No TLS: everything, the password exchange included, travels in plain text.',
  prefer: 'TLS when the server offers it, without checking the certificate; plain text otherwise.',
  require:
    'Always encrypted; the certificate is not checked (unless you pick a CA certificate, then its chain is).',
  'verify-ca':
    'Encrypted, and the certificate must be signed by the CA (picked below, or a public one).',
  'verify-full': 'Encrypted, signed by the CA, and issued for this host name. The safest choice.',
}

/** SSL mode, as libpq means it, and the CA certificate file for a private CA. */
export function TlsFields({ id }: { id: string }) {
  const draft = useStore((s) => s.draft)
  const editDraft = useStore((s) => s.editDraft)
  const pickCaCert = useStore((s) => s.pickCaCert)
  const removeCaCert = useStore((s) => s.removeCaCert)

  const onCaFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    if (file) await pickCaCert(file)
    input.value = ''
  }

  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-sslmode`}>SSL mode</label>
        <select
          id={`${id}-sslmode`}
          value={draft.sslmode}
          aria-describedby={`${id}-sslmode-help`}
          onChange={(e) => editDraft({ sslmode: e.currentTarget.value as SslMode })}
        >
          {sslModes.map((mode) => (
            <option key={mode} value={mode}>
              {mode}
            </option>
          ))}
        </select>
        <p id={`${id}-sslmode-help`} className="hint">
          {sslModeHelp[draft.sslmode]}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-ca`}>CA certificate</label>
        <input
          id={`${id}-ca`}
          type="file"
          accept=".pem,.crt,.cer,.cert"
          aria-describedby={`${id}-ca-help`}
          onChange={(e) => void onCaFile(e)}
        />
        <p id={`${id}-ca-help`} className="hint">
          {draft.caCertName ? (
            <>
              Using <span className="mono">{draft.caCertName}</span>{' '}
              <button type="button" className="link-button" onClick={removeCaCert}>
                Remove file
              </button>
            </>
          ) : (
            'For verify-ca and verify-full with a private CA: pick its certificate file (PEM).'
          )}
        </p>
      </div>
    </>
  )
}
