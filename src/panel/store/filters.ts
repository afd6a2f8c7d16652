import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { TimelineEntry, TimelinePacket, TimelineStore } from './timeline';
import { packetSummary } from '../format-packet';

/** Engine.IO packets that only keep the connection going: hidden by the "Hide control packets" toggle. */
const CONTROL_TYPES = new Set(['ping', 'pong', 'noop', 'upgrade']);

export function createFilterStore() {
  return {
    direction: signal<'all' | 'sent' | 'received'>('all'),
    hideControl: signal(false),
    errorsOnly: signal(false),
    /** Free text over event names and arguments; `/…/flags` is a regular expression. */
    text: signal(''),
    session: signal<string | undefined>(undefined),
    /** A time range brushed on the traffic strip: [from, to] in epoch ms. */
    timeRange: signal<readonly [number, number] | undefined>(undefined),
  };
}

export type FilterStore = ReturnType<typeof createFilterStore>;

/**
 * What the text filter searches in a packet: its wire text (which holds the event name and the arguments as JSON),
 * or for binary packets its name and one-line preview. Cached on the entry, with its lower-case form.
 */
function searchText(entry: TimelinePacket): { text: string; lower: string } {
  if (entry.search === undefined) {
    const { packet } = entry;
    const text =
      typeof packet.raw === 'string' ? packet.raw : `${packetSummary(packet).name}\n${packetSummary(packet).preview}`;
    entry.search = { text, lower: text.toLowerCase() };
  }
  return entry.search;
}

/** A `/pattern/flags` text filter as a test over the wire text, or why the pattern is invalid; undefined for plain text. */
export function textMatcher(
  text: string,
): { test: (entry: TimelinePacket) => boolean } | { error: string } | undefined {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(text.trim());
  if (!regex) return undefined;
  try {
    const pattern = new RegExp(regex[1], regex[2]);
    return { test: (entry) => pattern.test(searchText(entry).text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The filters' values, read once; undefined when every entry passes. */
interface Prepared {
  direction: 'all' | 'sent' | 'received';
  hideControl: boolean;
  errorsOnly: boolean;
  session: string | undefined;
  range: readonly [number, number] | undefined;
  test: ((entry: TimelinePacket) => boolean) | undefined;
  /** Plain text, lower case: a case-insensitive substring (the common case, and the one that must stay fast). */
  needle: string;
}

function prepare(filters: FilterStore): Prepared | undefined {
  const matcher = textMatcher(filters.text.value);
  const prepared: Prepared = {
    direction: filters.direction.value,
    hideControl: filters.hideControl.value,
    errorsOnly: filters.errorsOnly.value,
    session: filters.session.value,
    range: filters.timeRange.value,
    test: matcher && 'test' in matcher ? matcher.test : undefined,
    needle: matcher ? '' : filters.text.value.trim().toLowerCase(),
  };
  const { direction, hideControl, errorsOnly, session, range, test, needle } = prepared;
  const any = direction !== 'all' || hideControl || errorsOnly || session || range || test || needle;
  return any ? prepared : undefined;
}

/** Appends to `shown` the entries from position `from` on that pass the filters (one loop, the checks inline). */
function filterFrom(
  entries: readonly TimelineEntry[],
  from: number,
  filters: Prepared,
  shown: TimelineEntry[],
): TimelineEntry[] {
  const { direction, hideControl, errorsOnly, session, range, test, needle } = filters;
  for (let at = from; at < entries.length; at++) {
    const entry = entries[at];
    if (entry.kind === 'marker') {
      // Markers say what happened between packets: only the time range hides them.
      if (!range || (entry.time >= range[0] && entry.time <= range[1])) shown.push(entry);
      continue;
    }
    const { packet } = entry;
    if (direction !== 'all' && packet.direction !== direction) continue;
    if (hideControl && packet.eioType !== undefined && CONTROL_TYPES.has(packet.eioType)) continue;
    if (errorsOnly && !packet.error) continue;
    if (session && entry.session.id !== session) continue;
    if (range && (packet.time < range[0] || packet.time > range[1])) continue;
    if (needle && (entry.search ?? searchText(entry)).lower.indexOf(needle) === -1) continue;
    if (test && !test(entry)) continue;
    shown.push(entry);
  }
  return shown;
}

/** The entries the filters let through, in order (the list itself when no filter is set). */
export function applyFilters(entries: readonly TimelineEntry[], filters: FilterStore): readonly TimelineEntry[] {
  const prepared = prepare(filters);
  return prepared ? filterFrom(entries, 0, prepared, []) : entries;
}

/** What the timeline shows: the entries the filters let through, and how many entries there are in all. */
export interface ShownEntries {
  entries: readonly TimelineEntry[];
  total: number;
}

/** The first position in `entries` (ordered by index) whose index is at least `index`. */
export function positionOf(entries: readonly TimelineEntry[], index: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].index < index) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The shown entries as a signal, derived from the timeline and the filters. While the filters stay the same and
 * the timeline only grows (and lets its oldest go), it filters only the new entries; a new object each time, so
 * views re-render though the list is appended to in place.
 */
export function createShownEntries(timeline: TimelineStore, filters: FilterStore): ReadonlySignal<ShownEntries> {
  let last: { filters: Prepared; source: readonly TimelineEntry[]; shown: TimelineEntry[]; next: number } | undefined;
  const prepared = computed(() => prepare(filters));
  return computed(() => {
    void timeline.revision.value; // the entries changed
    const { entries } = timeline;
    const passes = prepared.value;
    if (!passes) {
      last = undefined;
      return { entries, total: entries.length };
    }
    if (last?.filters !== passes || last.source !== entries) {
      last = { filters: passes, source: entries, shown: filterFrom(entries, 0, passes, []), next: 0 };
    } else {
      const first = entries[0]?.index ?? timeline.nextIndex;
      last.shown.splice(0, positionOf(last.shown, first));
      filterFrom(entries, positionOf(entries, last.next), passes, last.shown);
    }
    last.next = timeline.nextIndex;
    return { entries: last.shown, total: entries.length };
  });
}
