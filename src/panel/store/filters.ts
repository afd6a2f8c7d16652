import { signal } from '@preact/signals';
import type { TimelinePacket } from './timeline';
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

/** The packets the filters let through, in order. */
export function applyFilters(packets: readonly TimelinePacket[], filters: FilterStore): TimelinePacket[] {
  const direction = filters.direction.value;
  const hideControl = filters.hideControl.value;
  const errorsOnly = filters.errorsOnly.value;
  const session = filters.session.value;
  const range = filters.timeRange.value;
  const matcher = textMatcher(filters.text.value);
  const test = matcher && 'test' in matcher ? matcher.test : undefined;
  // Plain text is a case-insensitive substring, tested inline (the common case, and the one that must stay fast).
  const needle = matcher ? '' : filters.text.value.trim().toLowerCase();
  if (direction === 'all' && !hideControl && !errorsOnly && !session && !range && !test && !needle)
    return packets as TimelinePacket[];
  const shown: TimelinePacket[] = [];
  for (let index = 0; index < packets.length; index++) {
    const entry = packets[index];
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
