import type { Signal } from '@preact/signals';

/** A checkbox named by its label's text, bound to a boolean signal; `title` says more on hover. */
export function Checkbox({ label, value, title }: { label: string; value: Signal<boolean>; title?: string }) {
  return (
    <label title={title}>
      <input type="checkbox" checked={value.value} onChange={(event) => (value.value = event.currentTarget.checked)} />
      {label}
    </label>
  );
}
