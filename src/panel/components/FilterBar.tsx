import { useEffect, useRef } from 'preact/hooks';
import type { PanelStores } from '../store';
import { textMatcher } from '../store/filters';
import { Checkbox } from './Checkbox';

/** The filters over the timeline, and how many packets they let through. Ctrl/Cmd+F focuses the text filter. */
export function FilterBar({ stores }: { stores: PanelStores }) {
  const { filters } = stores;
  const { entries, total } = stores.shown.value;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const matcher = textMatcher(filters.text.value);
  return (
    <div class="filter-bar">
      <input
        ref={input}
        type="search"
        aria-label="Filter"
        placeholder="Filter events and arguments (/regex/)"
        value={filters.text.value}
        onInput={(event) => (filters.text.value = event.currentTarget.value)}
      />
      {matcher && 'error' in matcher && <span class="warning">{matcher.error}</span>}
      <select
        aria-label="Direction"
        value={filters.direction.value}
        onChange={(event) => (filters.direction.value = event.currentTarget.value as 'all')}
      >
        <option value="all">Both directions</option>
        <option value="sent">Sent ↑</option>
        <option value="received">Received ↓</option>
      </select>
      <Checkbox label="Hide control packets" value={filters.hideControl} />
      <Checkbox label="Errors only" value={filters.errorsOnly} />
      <span class="count" role="status" aria-live="off" aria-label="Shown packets">
        {entries.length === total ? `${total} packets` : `${entries.length} of ${total} packets`}
      </span>
    </div>
  );
}
