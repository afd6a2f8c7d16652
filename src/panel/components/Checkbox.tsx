import type { Signal } from '@preact/signals';

/** A checkbox named by its label's text, bound to a boolean signal. */
export function Checkbox({ label, value }: { label: string; value: Signal<boolean> }) {
  return (
    <label>
      <input type="checkbox" checked={value.value} onChange={(event) => (value.value = event.currentTarget.checked)} />
      {label}
    </label>
  );
}
