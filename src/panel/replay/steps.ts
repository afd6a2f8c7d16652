import type { Packet } from '../../protocol';
import type { Session } from '../decode/sessions';
import type { TimelineEntry } from '../store/timeline';

/** Steps a replay holds at most: a longer selection keeps its first MAX_REPLAY_STEPS, and says so. */
export const MAX_REPLAY_STEPS = 10_000;

/** One event the server sent, as recorded: what a replay delivers to the page again. */
export interface ReplayStep {
  /** When it was received, in the capture's milliseconds: the replay keeps the gaps between steps. */
  time: number;
  namespace: string;
  event: string;
  /** Arguments as decoded (binary values are Uint8Array). */
  args: unknown[];
  /** The server asked the page for an ack. */
  wantsAck: boolean;
}

/** What a selection gave: its steps, and how many events were left beyond MAX_REPLAY_STEPS. */
export interface ReplaySelection {
  steps: ReplayStep[];
  leftOut: number;
}

/** A server EVENT (or BINARY_EVENT) the page received: the only packets a replay delivers. */
export function isServerEvent(packet: Packet): boolean {
  return (
    packet.direction === 'received' &&
    (packet.sioType === 'EVENT' || packet.sioType === 'BINARY_EVENT') &&
    packet.event !== undefined &&
    packet.error === undefined
  );
}

/** The replay step of a server EVENT. */
export function stepOf(packet: Packet): ReplayStep {
  return {
    time: packet.time,
    namespace: packet.namespace ?? '/',
    event: String(packet.event),
    args: packet.args ?? [],
    wantsAck: packet.ackId !== undefined,
  };
}

/** The steps of `packets` that are server EVENTs, in order, at most MAX_REPLAY_STEPS. */
export function selectSteps(packets: Iterable<Packet>): ReplaySelection {
  const steps: ReplayStep[] = [];
  let leftOut = 0;
  for (const packet of packets) {
    if (!isServerEvent(packet)) continue;
    if (steps.length < MAX_REPLAY_STEPS) steps.push(stepOf(packet));
    else leftOut++;
  }
  return { steps, leftOut };
}

/** Every packet of `session` in the timeline, in order. */
export function* packetsOfSession(entries: readonly TimelineEntry[], session: Session): Generator<Packet> {
  for (const entry of entries) if (entry.kind === 'packet' && entry.session === session) yield entry.packet;
}
