import { useEffect, useMemo, useRef } from 'preact/hooks';
import { boundedText, NAME_CHARS } from '../bounded';
import type { PanelStores } from '../store';
import { TYPE_CHIPS, type TypeChip } from '../store/filters';
import { parseTextFilter, TEXT_FILTER_SYNTAX } from '../store/text-filter';
import { SUMMARY_INTERVAL_MS } from '../throttle';
import { useThrottled } from './use-throttled';
import { Checkbox } from './Checkbox';

const CHIP_NAMES: Record<TypeChip, [name: string, title: string]> = {
  sent: ['Sent', 'Packets the page sent (not control packets)'],
  received: ['Received', 'Packets the page received (not control packets)'],
  control: ['Control', 'Engine.IO ping, pong, noop and upgrade packets'],
  errors: ['Errors', 'Packets flagged as malformed or failed'],
};
/** Options a quick filter lists at most. */
const MAX_OPTIONS = 200;

/**
 * The type chips, as DevTools' request-type filter: a click shows only that type (All: every type), Ctrl/Cmd+click
 * adds or removes a type.
 */
function TypeChips({ stores }: { stores: PanelStores }) {
  const { chips } = stores.filters;
  const picked = chips.value;
  const pick = (chip: TypeChip | undefined, add: boolean) => {
    if (chip === undefined) chips.value = new Set();
    else if (!add) chips.value = new Set([chip]);
    else {
      const next = new Set(picked);
      if (next.has(chip)) next.delete(chip);
      else next.add(chip);
      chips.value = next;
    }
  };
  return (
    <div class="chips" role="group" aria-label="Packet types">
      <button type="button" class="chip" aria-pressed={picked.size === 0} onClick={() => pick(undefined, false)}>
        All
      </button>
      {TYPE_CHIPS.map((chip) => (
        <button
          type="button"
          class="chip"
          key={chip}
          aria-pressed={picked.has(chip)}
          title={`${CHIP_NAMES[chip][1]} (Ctrl/Cmd+click to add to the types shown)`}
          onClick={(event) => pick(chip, event.ctrlKey || event.metaKey)}
        >
          {CHIP_NAMES[chip][0]}
        </button>
      ))}
    </div>
  );
}

/** A select that narrows to one value of a field (namespace, event), or shows all. */
function QuickFilter(props: { label: string; all: string; options: string[]; value: { value: string | undefined } }) {
  const { label, all, options, value } = props;
  const current = value.value;
  const listed = current === undefined || options.includes(current) ? options : [current, ...options];
  return (
    <select
      aria-label={label}
      title={label}
      value={current ?? ''}
      onChange={(event) => (value.value = event.currentTarget.value || undefined)}
    >
      <option value="">{all}</option>
      {listed.map((option) => (
        <option key={option} value={option}>
          {boundedText(option, NAME_CHARS)}
        </option>
      ))}
    </select>
  );
}

/**
 * How many packets the filters let through, of how many: its own component, so that the bar's other controls do not
 * re-render with every batch.
 */
function ShownCount({ stores }: { stores: PanelStores }) {
  const { entries, total } = stores.shown.value;
  return (
    <span class="count" role="status" aria-live="off" aria-label="Shown packets">
      {entries.length === total ? `${total} packets` : `${entries.length} of ${total} packets`}
    </span>
  );
}

/**
 * The filters over the timeline, as DevTools' filter bar: the text filter (text, /regex/ and field filters), Invert,
 * the type chips, the namespace and event quick filters, and how many packets they let through. Ctrl/Cmd+F focuses
 * the text filter.
 */
export function FilterBar({ stores }: { stores: PanelStores }) {
  const { filters } = stores;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const sessions = useThrottled(stores.sessions, SUMMARY_INTERVAL_MS);
  const namespaces = useMemo(() => {
    const all = new Set<string>();
    for (const session of sessions) for (const namespace of session.namespaces) all.add(namespace);
    return [...all].slice(0, MAX_OPTIONS);
  }, [sessions]);
  const events = useThrottled(stores.eventNames, SUMMARY_INTERVAL_MS);
  const errors = parseTextFilter(filters.text.value)?.errors ?? [];
  return (
    <div class="filter-bar">
      <input
        ref={input}
        type="search"
        aria-label="Filter"
        placeholder="Filter: text, /regex/, event:name nsp:/admin size>1k …"
        title={TEXT_FILTER_SYNTAX}
        value={filters.text.value}
        onInput={(event) => (filters.text.value = event.currentTarget.value)}
      />
      <Checkbox label="Invert" value={filters.invert} title="Show the packets the text filter leaves out" />
      {errors.length > 0 && <span class="warning">{errors.join('; ')}</span>}
      <span class="toolbar-divider" role="presentation" />
      <TypeChips stores={stores} />
      <span class="toolbar-divider" role="presentation" />
      <QuickFilter label="Namespace filter" all="All namespaces" options={namespaces} value={filters.namespace} />
      <QuickFilter label="Event filter" all="All events" options={events} value={filters.event} />
      <ShownCount stores={stores} />
    </div>
  );
}
