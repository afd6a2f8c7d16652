import type { BreakDirection } from '../../intercept/wire-breakpoint';

/** How a breakpoint's or a rule's direction reads in its list. */
export const ARROWS: Record<BreakDirection, string> = { sent: '↑', received: '↓', both: '↕' };

/** A form's error, read out as it appears. */
export function FormError({ error }: { error: string | undefined }) {
  return error ? (
    <span class="field-error" role="alert">
      {error}
    </span>
  ) : null;
}

/** The direction a breakpoint or a rule matches, as a select with this accessible name. */
export function DirectionSelect(props: {
  label: string;
  value: BreakDirection;
  onChange: (value: BreakDirection) => void;
}) {
  return (
    <label>
      Direction
      <select
        aria-label={props.label}
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value as BreakDirection)}
      >
        <option value="sent">Sent</option>
        <option value="received">Received</option>
        <option value="both">Both</option>
      </select>
    </label>
  );
}
