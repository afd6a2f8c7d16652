import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { positionOf, type TimelineEntry, type TimelineStore } from './timeline';
import { parseTextFilter, passesText, type TextFilter } from './text-filter';

/** Engine.IO packets that only keep the connection going: the Control chip's packets. */
const CONTROL_TYPES = new Set(['ping', 'pong', 'noop', 'upgrade']);

/**
 * The type chips of the filter bar, as DevTools' request types: Sent and Received are the packets that are not
 * control packets, Control the Engine.IO ping, pong, noop and upgrade, Errors the flagged packets. No chip is All.
 */
export const TYPE_CHIPS = ['sent', 'received', 'control', 'errors'] as const;
export type TypeChip = (typeof TYPE_CHIPS)[number];

export function createFilterStore() {
  return {
    /** The chips picked (a packet passes when it is of any of them); empty is All. */
    chips: signal<ReadonlySet<TypeChip>>(new Set()),
    /** Only this namespace's packets (the namespace quick filter). */
    namespace: signal<string | undefined>(undefined),
    /** Only this event's packets (the event quick filter). */
    event: signal<string | undefined>(undefined),
    /** Free text, `/regex/` and field filters (see text-filter.ts). */
    text: signal(''),
    /** Shows the packets the text filter leaves out instead (as DevTools' Invert). */
    invert: signal(false),
    session: signal<string | undefined>(undefined),
    /** A time range brushed on the traffic strip: [from, to] in epoch ms. */
    timeRange: signal<readonly [number, number] | undefined>(undefined),
  };
}

export type FilterStore = ReturnType<typeof createFilterStore>;

/** Chips as bits, so that a packet's chips are tested with one `&`. */
const CHIP_BITS: Record<TypeChip, number> = { sent: 1, received: 2, control: 4, errors: 8 };

/** The filters' values, read once; undefined when every entry passes. */
interface Prepared {
  /** Bits of the chips picked; 0 is All. */
  chips: number;
  namespace: string | undefined;
  event: string | undefined;
  session: string | undefined;
  range: readonly [number, number] | undefined;
  text: TextFilter | undefined;
  invert: boolean;
}

function prepare(filters: FilterStore): Prepared | undefined {
  let chips = 0;
  for (const chip of filters.chips.value) chips |= CHIP_BITS[chip];
  const text = parseTextFilter(filters.text.value);
  const prepared: Prepared = {
    chips: (chips & 7) === 7 ? 0 : chips, // Sent, Received and Control together are every packet
    namespace: filters.namespace.value,
    event: filters.event.value,
    session: filters.session.value,
    range: filters.timeRange.value,
    text: text && (text.fields.length > 0 || text.contains || text.regex) ? text : undefined,
    invert: filters.invert.value,
  };
  const any = prepared.chips || prepared.namespace !== undefined || prepared.event !== undefined || prepared.session;
  return any || prepared.range || prepared.text ? prepared : undefined;
}

/** Appends to `shown` the entries from position `from` on that pass the filters (one loop, the checks inline). */
function filterFrom(
  entries: readonly TimelineEntry[],
  from: number,
  filters: Prepared,
  shown: TimelineEntry[],
): TimelineEntry[] {
  const { chips, namespace, event, session, range, text, invert } = filters;
  for (let at = from; at < entries.length; at++) {
    const entry = entries[at];
    if (entry.kind === 'marker') {
      // Markers say what happened between packets: only the time range hides them.
      if (!range || (entry.time >= range[0] && entry.time <= range[1])) shown.push(entry);
      continue;
    }
    const { packet } = entry;
    if (chips) {
      const control = packet.eioType !== undefined && CONTROL_TYPES.has(packet.eioType);
      const kind = control ? 4 : packet.direction === 'sent' ? 1 : 2;
      if (!(chips & kind) && !(chips & 8 && packet.error)) continue;
    }
    if (namespace !== undefined && packet.namespace !== namespace) continue;
    if (event !== undefined && (packet.event === undefined || String(packet.event) !== event)) continue;
    if (session && entry.session.id !== session) continue;
    if (range && (packet.time < range[0] || packet.time > range[1])) continue;
    if (text && passesText(text, entry) === invert) continue;
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
  /** When the first packet kept began: the Time column's zero when it reads the time since the first packet. */
  origin: number | undefined;
}

function firstPacketTime(entries: readonly TimelineEntry[]): number | undefined {
  for (const entry of entries) if (entry.kind === 'packet') return entry.packet.time;
  return undefined;
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
      return { entries, total: entries.length, origin: firstPacketTime(entries) };
    }
    if (last?.filters !== passes || last.source !== entries) {
      last = { filters: passes, source: entries, shown: filterFrom(entries, 0, passes, []), next: 0 };
    } else {
      const first = entries[0]?.index ?? timeline.nextIndex;
      last.shown.splice(0, positionOf(last.shown, first));
      filterFrom(entries, positionOf(entries, last.next), passes, last.shown);
    }
    last.next = timeline.nextIndex;
    return { entries: last.shown, total: entries.length, origin: firstPacketTime(entries) };
  });
}
