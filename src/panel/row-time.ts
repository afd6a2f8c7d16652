import { formatTime } from './format';
import type { TimeMode } from './store/columns';
import type { TimelineEntry, TimelinePacket } from './store/timeline';

/**
 * The times of a Packets row. Rows come in the order packets completed (a BINARY_EVENT when its last attachment
 * came), so the delta is taken between completion times, row to row, in the shown order, and is never negative;
 * the Time column says when the packet began, and a packet that completed later says by how much.
 */

/** When the entry took its place in the timeline (a binary packet: when its last attachment came). */
export const completedAt = (entry: TimelineEntry) =>
  entry.kind === 'packet' ? (entry.packet.completedAt ?? entry.packet.time) : entry.time;

/** Half the resolution a duration is shown with (0.1 ms): a packet that completed less late than this did not. */
const UNSHOWN_MS = 0.05;

/** Milliseconds since the row above in the shown order (never negative), or undefined for the first row. */
export function deltaMs(entry: TimelineEntry, previous: TimelineEntry | undefined): number | undefined {
  return previous === undefined ? undefined : Math.max(0, completedAt(entry) - completedAt(previous));
}

/** A duration as DevTools writes it: `3.9 ms`, `412 ms`, `1.2 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The Delta cell: `+3.9 ms`, or nothing on the first row. */
export function deltaText(entry: TimelineEntry, previous: TimelineEntry | undefined): string {
  const ms = deltaMs(entry, previous);
  return ms === undefined ? '' : `+${formatDuration(ms)}`;
}

/**
 * How long after it began the packet completed (its attachments came later), or 0 when too little to show (a HAR
 * export writes records of the same millisecond a microsecond apart).
 */
export function completedLateBy(entry: TimelinePacket): number {
  const late = completedAt(entry) - entry.packet.time;
  return late >= UNSHOWN_MS ? late : 0;
}

/** The Time cell: the time of day, or the seconds since `origin` (the first packet kept). */
export function timeText(time: number, mode: TimeMode, origin: number | undefined): string {
  if (mode === 'absolute' || origin === undefined) return formatTime(time);
  const seconds = (time - origin) / 1000;
  return `${seconds < 0 ? '-' : ''}${Math.abs(seconds).toFixed(3)} s`;
}
