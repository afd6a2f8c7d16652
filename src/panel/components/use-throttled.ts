import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { onChangeThrottled } from '../throttle';

/**
 * The value of a signal, re-read at most once per `intervalMs`: a stream of thousands of records a second
 * re-renders the view a few times a second, not once per batch.
 */
export function useThrottled<T>(source: ReadonlySignal<T>, intervalMs: number): T {
  const [value, setValue] = useState(source.peek());
  useEffect(() => onChangeThrottled(source, () => setValue(source.peek()), intervalMs), [source, intervalMs]);
  return value;
}
