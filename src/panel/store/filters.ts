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

/** The text filter as a test: a `/pattern/flags` regular expression, or a case-insensitive substring. */
export function textMatcher(text: string): { test: (value: string) => boolean } | { error: string } | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const regex = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
  if (regex) {
    try {
      const pattern = new RegExp(regex[1]!, regex[2]);
      return { test: (value) => pattern.test(value) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  const needle = trimmed.toLowerCase();
  return { test: (value) => value.toLowerCase().includes(needle) };
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
  return packets.filter((entry) => {
    const { packet } = entry;
    if (direction !== 'all' && packet.direction !== direction) return false;
    if (hideControl && packet.eioType && CONTROL_TYPES.has(packet.eioType)) return false;
    if (errorsOnly && !packet.error) return false;
    if (session && entry.session.id !== session) return false;
    if (range && (packet.time < range[0] || packet.time > range[1])) return false;
    if (test && !test(packetSummary(packet).searchText)) return false;
    return true;
  });
}
