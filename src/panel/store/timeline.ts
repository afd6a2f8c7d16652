import { computed, signal } from '@preact/signals';
import type { Packet } from '../../protocol';
import { DEFAULT_SETTINGS } from '../../settings/schema';
import { createSessionTracker, type Session, type SessionPacket } from '../decode/sessions';
import { describeGap, describeRecord } from '../format';
import { onChangeThrottled } from '../throttle';
import { releaseRows, type CaptureStore, type CapturedRow } from './capture';
import { createEventCounts } from './event-counts';

/** A decoded packet in the timeline. */
export interface TimelinePacket extends SessionPacket {
  kind: 'packet';
  /** Its number in the timeline, from 0: its key (positions shift as the oldest entries are let go). */
  index: number;
  /** The capture row (counted as `CaptureStore.releasedRows` counts) that completed it. */
  row: number;
  /** What the text filter searches in a binary packet, built the first time it is needed (see text-filter.ts). */
  search?: string;
}

/** A row of the timeline that is not a packet: where something happened between packets. */
export interface TimelineMarker {
  kind: 'marker';
  index: number;
  row: number;
  time: number;
  /**
   * `navigation`: the top frame loaded a new page (preserve log); `undecodable`: a record the panel could not read;
   * `not-kept`: records a backlog let go (its budget; a gap record); `unrecorded`: frames of a plain WebSocket the
   * hook did not record while no panel listened.
   */
  reason: 'navigation' | 'undecodable' | 'not-kept' | 'unrecorded';
  /** What the row says. */
  text: string;
}

export type TimelineEntry = TimelinePacket | TimelineMarker;

/**
 * Sessions the tracker keeps even once the timeline holds none of their packets (the newest, which may still be
 * open and quiet); older ones without packets are forgotten as entries go, so a page that reconnects all day keeps a
 * bounded list.
 */
const KEEP_SESSIONS = 100;

/**
 * The decoded view of the capture: sessions and their packets, with markers between them, kept in step with the
 * capture store. Appended rows are decoded incrementally; any other change of the rows (clear, navigation, a late
 * record) decodes afresh. Beyond `maxEntries` the oldest entries go, a chunk at a time (see evict).
 */
export function createTimelineStore() {
  const timeline = {
    tracker: createSessionTracker(),
    /** Every entry kept, in capture order; appended to in place, and cut at the front by evict. */
    entries: [] as TimelineEntry[],
    /**
     * Per session id, its packets kept, in `seq` order (the order they were decoded): a packet is found by its number
     * with a binary search (packetBySeq), to follow a pair (ACK ↔ EVENT, pong ↔ ping) both ways.
     */
    bySession: new Map<string, TimelinePacket[]>(),
    events: createEventCounts(),
    /** The next entry's index. */
    nextIndex: 0,
    /** Rows of the capture decoded so far, counted as `CaptureStore.releasedRows` counts. */
    decodedRows: 0,
    decodedLayout: -1,
    /** Entries kept at most (the panel's maximum packets setting). */
    maxEntries: signal(DEFAULT_SETTINGS.panelMaxPackets),
    /** Entries let go to stay within `maxEntries`, since the capture last started afresh. */
    evicted: signal(0),
    /** Bumped after each decoded batch: everything derived from the entries and sessions reads it. */
    revision: signal(0),
    selected: signal<TimelinePacket | undefined>(undefined),
  };
  return timeline;
}

export type TimelineStore = ReturnType<typeof createTimelineStore>;

function reset(timeline: TimelineStore, capture: CaptureStore): void {
  timeline.tracker = createSessionTracker();
  timeline.entries = [];
  timeline.bySession.clear();
  timeline.events.clear();
  timeline.decodedRows = capture.releasedRows;
  timeline.decodedLayout = capture.layout;
  if (capture.releasedRows === 0) timeline.evicted.value = 0;
  timeline.selected.value = undefined;
}

/** A packet's entry as the timeline stores it: its kind a property of all of them, not held by each. */
class PacketEntry implements TimelinePacket {
  declare injected?: boolean;
  declare intercept?: TimelinePacket['intercept'];
  declare search?: string;
  constructor(
    readonly session: Session,
    readonly packet: Packet,
    readonly index: number,
    readonly row: number,
  ) {}
  get kind(): 'packet' {
    return 'packet';
  }
}

function appendPacket(timeline: TimelineStore, decoded: SessionPacket, row: number): void {
  const { session, packet } = decoded;
  const entry = new PacketEntry(session, packet, timeline.nextIndex++, row);
  if (decoded.injected) entry.injected = true;
  if (decoded.intercept) entry.intercept = decoded.intercept;
  timeline.entries.push(entry);
  const ofSession = timeline.bySession.get(session.id);
  if (ofSession) ofSession.push(entry);
  else timeline.bySession.set(session.id, [entry]);
  if (packet.event !== undefined) timeline.events.add(String(packet.event), packet.size, packet.time);
}

function appendMarker(timeline: TimelineStore, marker: Omit<TimelineMarker, 'kind' | 'index'>): void {
  timeline.entries.push({ kind: 'marker', index: timeline.nextIndex++, ...marker });
}

/** Decodes one capture row into entries: its packets, or a marker. A row that cannot be read becomes a marker. */
function decodeRow(timeline: TimelineStore, row: CapturedRow, at: number): void {
  if (row.kind === 'navigation') {
    appendMarker(timeline, { row: at, time: row.time, reason: 'navigation', text: `Navigated to ${row.url}` });
    return;
  }
  if (row.kind === 'gap') {
    appendMarker(timeline, { row: at, time: row.time, reason: 'not-kept', text: describeGap(row.gap, row.notKept) });
    return;
  }
  if (row.record.kind === 'unrecorded') {
    appendMarker(timeline, { row: at, time: row.time, reason: 'unrecorded', text: describeRecord(row.record) });
    return;
  }
  try {
    for (const packet of timeline.tracker.add(row)) appendPacket(timeline, packet, at);
  } catch (error) {
    const text = `A record could not be decoded: ${error instanceof Error ? error.message : String(error)}`;
    appendMarker(timeline, { row: at, time: row.time, reason: 'undecodable', text });
  }
}

/**
 * Lets the oldest entries go once there are more than `maxEntries`: a hundredth of the limit more than needed, so
 * that the cut (and the rows released with it) happens once per that many entries. Pair lookups and counts follow.
 */
function evict(timeline: TimelineStore, capture: CaptureStore): void {
  const max = timeline.maxEntries.peek();
  const { entries } = timeline;
  if (entries.length <= max) return;
  const cut = Math.min(entries.length, entries.length - max + Math.ceil(max / 100));
  for (let at = 0; at < cut; at++) {
    const entry = entries[at];
    if (entry.kind !== 'packet') continue;
    const { packet } = entry;
    if (packet.event !== undefined) timeline.events.remove(String(packet.event), packet.size);
  }
  const lastGone = entries[cut - 1];
  entries.splice(0, cut);
  forgetSessionPackets(timeline, lastGone.index + 1);
  timeline.tracker.forgetOldest(KEEP_SESSIONS, (session) => !timeline.bySession.has(session.id));
  timeline.evicted.value += cut;
  // Rows up to the last entry let go, but not a row that still completes a kept entry (a polling payload).
  const keepFrom = Math.min(lastGone.row + 1, entries[0]?.row ?? Infinity);
  releaseRows(capture, keepFrom - capture.releasedRows);
}

/** Brings the timeline up to date with the capture; bumps `revision` when anything changed. */
export function syncTimeline(timeline: TimelineStore, capture: CaptureStore): void {
  const relaid = timeline.decodedLayout !== capture.layout;
  if (relaid) reset(timeline, capture);
  const { rows, releasedRows } = capture;
  const end = releasedRows + rows.length;
  const overLimit = timeline.entries.length > timeline.maxEntries.peek();
  if (!relaid && timeline.decodedRows === end && !overLimit) return;
  for (let at = timeline.decodedRows; at < end; at++) decodeRow(timeline, rows[at - releasedRows], at);
  timeline.decodedRows = end;
  evict(timeline, capture);
  timeline.revision.value++;
}

/**
 * Keeps the timeline in step with the capture outside of rendering: new rows are decoded in one batch at most once
 * per `intervalMs` (and entries let go when the limit changes), so views that derive from `timeline.revision`
 * re-render at that pace whatever the rate of records. Returns the function that stops following.
 */
export function decodeAsCaptured(timeline: TimelineStore, capture: CaptureStore, intervalMs: number): () => void {
  const source = computed(() => [capture.revision.value, timeline.maxEntries.value]);
  return onChangeThrottled(source, () => syncTimeline(timeline, capture), intervalMs);
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

/** Lets go of each session's packets numbered (`index`) below `firstKept`, and of the sessions left without any. */
function forgetSessionPackets(timeline: TimelineStore, firstKept: number): void {
  for (const [id, packets] of timeline.bySession) {
    const gone = positionOf(packets, firstKept);
    if (gone === packets.length) timeline.bySession.delete(id);
    else if (gone > 0) packets.splice(0, gone);
  }
}

/** The packet numbered `seq` in session `sessionId`, while the timeline holds it. */
export function packetBySeq(timeline: TimelineStore, sessionId: string, seq: number): TimelinePacket | undefined {
  const packets = timeline.bySession.get(sessionId);
  if (!packets) return undefined;
  let low = 0;
  let high = packets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (packets[middle].packet.seq < seq) low = middle + 1;
    else high = middle;
  }
  return packets[low]?.packet.seq === seq ? packets[low] : undefined;
}

/** The panel's one way to read pairs: the reply to a packet (EVENT → ACK, ping → pong), while the timeline holds it. */
export function answeredBy(timeline: TimelineStore, entry: TimelinePacket): TimelinePacket | undefined {
  const { answeredBy: seq } = entry.packet;
  return seq === undefined ? undefined : packetBySeq(timeline, entry.session.id, seq);
}
/** The packet a reply answers (ACK → EVENT, pong → ping), while the timeline holds it. */
export function answers(timeline: TimelineStore, entry: TimelinePacket): TimelinePacket | undefined {
  const { replyTo } = entry.packet;
  return replyTo === undefined ? undefined : packetBySeq(timeline, entry.session.id, replyTo);
}

export type { Packet, Session };
