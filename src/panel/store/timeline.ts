import { signal } from '@preact/signals';
import type { Packet } from '../../protocol';
import { createSessionTracker, type Session, type SessionPacket } from '../decode/sessions';
import { onChangeThrottled } from '../throttle';
import type { CaptureStore } from './capture';

/** A decoded packet in the timeline: its index in `packets` is its key. */
export interface TimelinePacket extends SessionPacket {
  index: number;
  /** What the text filter searches, computed the first time it is needed (see filters.ts). */
  search?: { text: string; lower: string };
}

/**
 * The decoded view of the capture: sessions and their packets, kept in step with the capture store. Appended rows
 * are decoded incrementally; any other change of the rows (clear, navigation, a late record) decodes afresh.
 */
export function createTimelineStore() {
  return {
    tracker: createSessionTracker(),
    packets: [] as TimelinePacket[],
    /** `${session.id}:${packet.seq}` → the packet, to follow ACK → EVENT and pong → ping. */
    bySeq: new Map<string, TimelinePacket>(),
    /** The reverse: EVENT → the ACK that answered it. */
    replies: new Map<TimelinePacket, TimelinePacket>(),
    /** Per event name: how many, how many bytes, when last seen. */
    events: new Map<string, EventStats>(),
    decodedRows: 0,
    decodedLayout: -1,
    revision: signal(0),
    selected: signal<TimelinePacket | undefined>(undefined),
  };
}

export type TimelineStore = ReturnType<typeof createTimelineStore>;

export interface EventStats {
  name: string;
  count: number;
  bytes: number;
  lastSeen: number;
}

function reset(timeline: TimelineStore): void {
  timeline.tracker = createSessionTracker();
  timeline.packets = [];
  timeline.bySeq.clear();
  timeline.replies.clear();
  timeline.events.clear();
  timeline.decodedRows = 0;
  timeline.selected.value = undefined;
}

function append(timeline: TimelineStore, decoded: SessionPacket): void {
  const { session, packet } = decoded;
  const entry: TimelinePacket = { ...decoded, index: timeline.packets.length };
  timeline.packets.push(entry);
  timeline.bySeq.set(`${session.id}:${packet.seq}`, entry);
  if (packet.event !== undefined) {
    const name = String(packet.event);
    const stats = timeline.events.get(name) ?? { name, count: 0, bytes: 0, lastSeen: 0 };
    stats.count++;
    stats.bytes += packet.size;
    stats.lastSeen = Math.max(stats.lastSeen, packet.time);
    timeline.events.set(name, stats);
  }
  if (packet.replyTo !== undefined) {
    const answered = timeline.bySeq.get(`${session.id}:${packet.replyTo}`);
    if (answered) timeline.replies.set(answered, entry);
  }
}

/** Brings the timeline up to date with the capture; bumps `revision` when anything changed. */
export function syncTimeline(timeline: TimelineStore, capture: CaptureStore): void {
  const relaid = timeline.decodedLayout !== capture.layout;
  if (relaid) {
    reset(timeline);
    timeline.decodedLayout = capture.layout;
  }
  const { rows } = capture;
  if (!relaid && timeline.decodedRows === rows.length) return;
  for (let index = timeline.decodedRows; index < rows.length; index++) {
    for (const packet of timeline.tracker.add(rows[index])) append(timeline, packet);
  }
  timeline.decodedRows = rows.length;
  timeline.revision.value++;
}

/**
 * Keeps the timeline in step with the capture outside of rendering: new rows are decoded in one batch at most once
 * per `intervalMs`, so views that read `timeline.revision` re-render at that pace whatever the rate of records.
 * Returns the function that stops following.
 */
export function decodeAsCaptured(timeline: TimelineStore, capture: CaptureStore, intervalMs: number): () => void {
  return onChangeThrottled(capture.revision, () => syncTimeline(timeline, capture), intervalMs);
}

/** The packet a reply answers (ACK → EVENT, pong → ping), and the reply to a packet. */
export function answeredBy(timeline: TimelineStore, entry: TimelinePacket): TimelinePacket | undefined {
  return timeline.replies.get(entry);
}
export function answers(timeline: TimelineStore, entry: TimelinePacket): TimelinePacket | undefined {
  const { replyTo } = entry.packet;
  return replyTo === undefined ? undefined : timeline.bySeq.get(`${entry.session.id}:${replyTo}`);
}

export type { Packet, Session };
