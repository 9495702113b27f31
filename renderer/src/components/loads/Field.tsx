import { useId, type InputHTMLAttributes } from 'react'

/** A labelled input: the label names it exactly (its own value never joins the name). */
export function Field({
  label,
  className = 'field',
  ...input
}: { label: string; className?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId()
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} />
    </div>
  )
}
