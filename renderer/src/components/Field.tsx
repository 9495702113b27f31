import { useId, type ComponentProps, type ReactNode } from 'react'

/**
 * A label above its control, tied by id so the control's name is exactly the
 * label (its own value never joins the name). `children` renders the control
 * with the id it must carry; anything else in the field (hints) goes with it.
 */
export function LabelledField({
  label,
  className,
  children,
}: {
  label: ReactNode
  className?: string
  children: (id: string) => ReactNode
}) {
  const id = useId()
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  )
}

/** A labelled input. */
export function Field({
  label,
  className,
  ...input
}: { label: string; className?: string } & ComponentProps<'input'>) {
  return (
    <LabelledField label={label} className={className}>
      {(id) => <input id={id} {...input} />}
    </LabelledField>
  )
}
