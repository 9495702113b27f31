import type { ReactNode } from 'react'

/** What went wrong, where it went wrong: announced at once (role alert), styled as an error. */
export function InlineError({ children }: { children: ReactNode }) {
  return (
    <p className="inline-error" role="alert">
      {children}
    </p>
  )
}
