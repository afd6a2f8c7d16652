import type { Signal } from '@preact/signals';

/**
 * A checkbox named by its label's text, bound to a boolean signal; `title` says more on hover; `before` runs before
 * each change.
 */
export function Checkbox({
  label,
  value,
  title,
  before,
}: {
  label: string;
  value: Signal<boolean>;
  title?: string;
  before?: () => void;
}) {
  return (
    <label title={title}>
      <input
        type="checkbox"
        checked={value.value}
        onChange={(event) => {
          before?.();
          value.value = event.currentTarget.checked;
        }}
      />
      {label}
    </label>
  );
}
